/// One conversation's time sweep: each post gets the later of its own time and 1 ms after the
/// previous post. The moves go to `log`, shared by the sweeps of one pass.
struct TimeSweep {
    var stats = ConversationStats()
    private let conv: Int64
    private let log: RowValueLog
    private var bumped = 0
    private var clamped = 0
    private var last: Int64 = 0

    init(conv: Int64, log: RowValueLog) {
        self.conv = conv
        self.log = log
    }

    mutating func add(seq: Int64, ts: Int64, isRoot: Bool) throws {
        let assigned = max(ts, last + 1)
        if assigned != ts {
            try log.append(conv: conv, seq: seq, value: assigned)
            if ts <= 0 && last == 0 { clamped += 1 } else { bumped += 1 }
        }
        last = assigned
        stats.count(time: assigned, isRoot: isRoot, retimed: assigned != ts)
    }

    /// Counts the sweep's moves in the outcome (the moves themselves are in the log).
    func commit(into outcome: inout ThreadFinalizer.Outcome) {
        outcome.bumpedTimestamps += bumped
        outcome.clampedToPositive += clamped
    }
}

/// The sweep of a conversation read in key order, valid while its times do not go backwards.
struct KeyOrderSweep {
    let conv: Int64
    let firstSeq: Int64
    private(set) var lastSeq: Int64
    private var lastTime = Int64.min
    var times: TimeSweep

    init(conv: Int64, firstSeq: Int64, log: RowValueLog) {
        self.conv = conv
        self.firstSeq = firstSeq
        lastSeq = firstSeq
        times = TimeSweep(conv: conv, log: log)
    }

    /// `false` when `ts` is earlier than the previous row's: key order is not time order here (the
    /// moves logged so far for the conversation are then to be left out).
    mutating func add(seq: Int64, ts: Int64, isRoot: Bool) throws -> Bool {
        guard ts >= lastTime else { return false }
        lastTime = ts
        lastSeq = seq
        try times.add(seq: seq, ts: ts, isRoot: isRoot)
        return true
    }
}

/// The key-order sweeps of a table: conversations whose times never went back in key order, and the
/// others (swept again through a time index), with the moves of all of them in `log` (those of the
/// others to be left out).
struct KeyOrderSweeps {
    var swept: [Int64: KeyOrderSweep]
    var outOfOrder: Set<Int64>
    var log: RowValueLog
}
