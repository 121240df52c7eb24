/// Each conversation's time sweep in key order, made as its rows are staged. While no staged row is a
/// reply, every row is a root and these are exactly what the export's sweep over the table would find,
/// so that pass (a read of every row) is skipped; the first reply drops them for good.
struct StagedSweeps {
    /// By conversation index; a conversation's sweep counts only once `started` (its first row) and
    /// while its times never went back. Not optionals: changing a sweep through `sweeps[conv]!`
    /// cost a tenth of staging a message.
    private var sweeps: [KeyOrderSweep] = []
    private var started: [Bool] = []
    private var outOfOrder = Set<Int64>()
    private var sawReply = false
    /// The moves of every sweep (those of conversations out of order are left out when applied).
    private var log = RowValueLog()

    mutating func addConversation() {
        guard !sawReply else { return }
        sweeps.append(KeyOrderSweep(conv: Int64(sweeps.count), firstSeq: 0, log: log))
        started.append(false)
    }

    mutating func add(conv: Int, seq: Int64, ts: Int64, isReply: Bool) throws {
        guard !sawReply else { return }
        guard !isReply else {
            sawReply = true
            sweeps = []
            started = []
            outOfOrder = []
            log = RowValueLog()
            return
        }
        if !started[conv] {
            guard !outOfOrder.contains(Int64(conv)) else { return }
            sweeps[conv] = KeyOrderSweep(conv: Int64(conv), firstSeq: seq, log: log)
            started[conv] = true
        }
        if try !sweeps[conv].add(seq: seq, ts: ts, isRoot: true) {
            sweeps[conv] = KeyOrderSweep(conv: Int64(conv), firstSeq: 0, log: log)  // its figures go; its moves are left out
            started[conv] = false
            outOfOrder.insert(Int64(conv))
        }
    }

    /// The sweeps, or `nil` once a reply was staged.
    var withoutReplies: KeyOrderSweeps? {
        guard !sawReply else { return nil }
        var swept: [Int64: KeyOrderSweep] = [:]
        for (conv, sweep) in sweeps.enumerated() where started[conv] {
            swept[Int64(conv)] = sweep
        }
        return KeyOrderSweeps(swept: swept, outOfOrder: outOfOrder, log: log)
    }
}
