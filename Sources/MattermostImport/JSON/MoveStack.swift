/// A stack whose top elements leave as a new array by moving, not copying: finishing a JSON object
/// or array then costs one allocation and no retain/release per member (with `Array`, slicing copied
/// every member and removing the slice released them again).
final class MoveStack<Element>: @unchecked Sendable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ element: consuming Element) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Moves the elements from `start` to the top into a new array and pops them. `reserveCapacity` and
    /// `append`, not `init(unsafeUninitializedCapacity:)`: on Linux the latter reaches the stdlib's
    /// unspecialised buffer init, which looks up the storage class's metadata on every call (7% of a
    /// Slack decode worker's time).
    func popArray(from start: Int) -> [Element] {
        var array: [Element] = []
        array.reserveCapacity(count - start)
        for index in start..<count { array.append((base + index).move()) }
        count = start
        return array
    }

    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }
}
