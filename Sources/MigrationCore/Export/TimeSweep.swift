/// One conversation's time sweep: each post gets the later of its own time and 1 ms after the
/// previous post.
struct TimeSweep {
    var stats = ConversationStats()
    private var bumps: [(seq: Int64, ts: Int64)] = []
    private var bumped = 0
    private var clamped = 0
    private var last: Int64 = 0

    mutating func add(seq: Int64, ts: Int64, isRoot: Bool) {
        let assigned = max(ts, last + 1)
        if assigned != ts {
            bumps.append((seq, assigned))
            if ts <= 0 && last == 0 { clamped += 1 } else { bumped += 1 }
        }
        last = assigned
        stats.count(time: assigned, isRoot: isRoot, retimed: assigned != ts)
    }

    func commit(into outcome: inout ThreadFinalizer.Outcome, bumps all: inout [(seq: Int64, ts: Int64)]) {
        outcome.bumpedTimestamps += bumped
        outcome.clampedToPositive += clamped
        all.append(contentsOf: bumps)
    }
}

/// The sweep of a conversation read in key order, valid while its times do not go backwards.
struct KeyOrderSweep {
    let conv: Int64
    let firstSeq: Int64
    private(set) var lastSeq: Int64
    private var lastTime = Int64.min
    var times = TimeSweep()

    init(conv: Int64, firstSeq: Int64) {
        self.conv = conv
        self.firstSeq = firstSeq
        lastSeq = firstSeq
    }

    /// `false` when `ts` is earlier than the previous row's: key order is not time order here.
    mutating func add(seq: Int64, ts: Int64, isRoot: Bool) -> Bool {
        guard ts >= lastTime else { return false }
        lastTime = ts
        lastSeq = seq
        times.add(seq: seq, ts: ts, isRoot: isRoot)
        return true
    }
}

/// The key-order sweeps of a table: conversations whose times never went back in key order, and the
/// others (swept again through a time index).
struct KeyOrderSweeps {
    var swept: [Int64: KeyOrderSweep]
    var outOfOrder: Set<Int64>
}
