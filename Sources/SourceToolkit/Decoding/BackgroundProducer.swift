import Foundation

/// Runs a producer (e.g. read and parse history files) on its own thread while the caller consumes
/// what it made (convert and stage), handing items over in order through a buffer of at most
/// `capacity` items, so decoding runs on a second core and memory stays bounded. For inputs that are
/// not a `SourceArchive` (spooled streams), where `OrderedDecodePipeline` cannot read entries itself.
/// The thread holds the producer until it ends: a consumer that stops early must call `cancel()`.
public final class BackgroundProducer<Item: Sendable>: @unchecked Sendable {
    /// Hands one item to the consumer; waits while the buffer is full. Throws `CancellationError` once
    /// the consumer has stopped, so the producer ends early.
    /// The item is taken over (`consuming`): a consumer that changes it in place then holds the only
    /// reference, instead of racing the producer's last one (and copying the whole item when it lost).
    public typealias Yield = (consuming Item) throws -> Void

    private let capacity: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var buffer: [Item] = []
    private var done = false
    private var failure: Error?
    private var cancelled = false
    /// Items the consumer is done with, freed by the producer's thread at its next yield.
    private var returned: [Item] = []

    /// Starts `produce` on a new thread at once.
    public init(capacity: Int = 16, name: String = "producer", produce: @escaping @Sendable (_ yield: Yield) throws -> Void) {
        self.capacity = max(1, capacity)
        let thread = Thread { [self] in
            do {
                try produce { item in try self.put(item) }
                finish(nil)
            } catch is CancellationError {
                finish(nil)
            } catch {
                finish(error)
            }
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next item in production order, `nil` at the end; rethrows the producer's error after the
    /// items made before it.
    public func next() throws -> Item? {
        condition.lock()
        while buffer.isEmpty && !done { condition.wait() }
        if !buffer.isEmpty {
            // At most `capacity` items: shifting them is cheaper than it sounds, and a handed-out item
            // must not stay referenced by the buffer (that kept every batch alive while the producer
            // stayed ahead).
            let item = buffer.removeFirst()
            condition.broadcast()
            condition.unlock()
            return item
        }
        // The producer has ended: what came back since its last yield is freed now, not whenever this
        // object goes (its thread may hold it a moment longer).
        let leftovers = returned, failure = self.failure
        returned = []
        condition.unlock()
        withExtendedLifetime(leftovers) {}
        if let failure { throw failure }
        return nil
    }

    /// Hands an item the consumer is done with back, to be freed on the producer's thread: glibc frees
    /// another thread's memory under that arena's lock, which made freeing parsed batches on the
    /// consumer (the busier thread) cost several times more. Optional: an item not given back is
    /// freed where its last reference goes.
    public func giveBack(_ item: consuming Item) {
        condition.lock()
        // After the end nothing would take it: it is freed here, as the caller lets go.
        if !done { returned.append(item) }
        condition.unlock()
    }

    /// Stops the producer at its next `yield` (the consumer failed or needs no more).
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func put(_ item: consuming Item) throws {
        condition.lock()
        while buffer.count >= capacity && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw CancellationError()
        }
        buffer.append(item)
        let finished = returned
        returned = []
        condition.broadcast()
        condition.unlock()
        withExtendedLifetime(finished) {}  // freed here, on the producer's thread, outside the lock
    }

    private func finish(_ error: Error?) {
        condition.lock()
        done = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }
}
