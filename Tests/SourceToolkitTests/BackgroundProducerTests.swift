import Foundation
import Synchronization
import Testing
@testable import SourceToolkit

/// The background producer hands items over in order through a bounded buffer, surfaces the
/// producer's error after the items made before it, and stops a producer whose consumer gave up.
@Suite struct BackgroundProducerTests {
    struct Broken: Error, Equatable {}

    @Test func itemsComeInProductionOrderThenTheError() throws {
        let producer = BackgroundProducer<Int>(capacity: 3) { yield in
            for number in 0..<1_000 { try yield(number) }
            throw Broken()
        }
        var received: [Int] = []
        #expect(throws: Broken.self) {
            while let number = try producer.next() { received.append(number) }
        }
        #expect(received == Array(0..<1_000))
    }

    @Test func cancellingStopsTheProducerAtItsNextYield() throws {
        let made = Atomic<Int>(0)
        let ended = Atomic<Bool>(false)
        let producer = BackgroundProducer<Int>(capacity: 2) { yield in
            defer { ended.store(true, ordering: .sequentiallyConsistent) }
            for number in 0..<1_000_000 {
                try yield(number)
                made.add(1, ordering: .sequentiallyConsistent)
            }
        }
        #expect(try producer.next() == 0)
        producer.cancel()
        // The producer ends by itself once it is cancelled (it never fills more than its buffer).
        for _ in 0..<500 where !ended.load(ordering: .sequentiallyConsistent) { Thread.sleep(forTimeInterval: 0.01) }
        let hasEnded = ended.load(ordering: .sequentiallyConsistent), madeCount = made.load(ordering: .sequentiallyConsistent)
        #expect(hasEnded)
        #expect(madeCount < 10)
        // What was buffered before the cancel still comes out, then the end.
        var rest = 0
        while try producer.next() != nil { rest += 1 }
        #expect(rest <= 2)
    }

    /// The threads that freed `Tracked` items, and the producer's.
    final class FreeLog: Sendable {
        let threads = Mutex<[UInt]>([])
        let producer = Mutex<UInt>(0)
    }

    /// Records on which thread it was freed.
    final class Tracked: Sendable {
        let log: FreeLog
        init(_ log: FreeLog) { self.log = log }
        deinit { log.threads.withLock { $0.append(UInt(pthread_self())) } }
    }

    @Test func itemsGivenBackAreFreedOnTheProducersThread() throws {
        let frees = FreeLog()
        do {
            let producer = BackgroundProducer<Tracked>(capacity: 2) { yield in
                frees.producer.withLock { $0 = UInt(pthread_self()) }
                for _ in 0..<50 { try yield(Tracked(frees)) }
            }
            var received = 0
            while let item = try producer.next() {
                received += 1
                producer.giveBack(consume item)
            }
            #expect(received == 50)
        }
        // Each item given back before the producer's next yield goes with that yield; the last few
        // (given back after its last yield) go when `next()` reports the end, so every one is freed by
        // now (before, they waited for the producer object, which its thread could still hold).
        let threads = frees.threads.withLock { $0 }, producerThread = frees.producer.withLock { $0 }
        #expect(threads.count == 50)
        #expect(threads.filter { $0 == producerThread }.count >= 40, "freed on: \(threads), producer \(producerThread)")
    }
}
