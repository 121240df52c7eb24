/// Each conversation's time sweep in key order, made as its rows are staged. While no staged row is a
/// reply, every row is a root and these are exactly what the export's sweep over the table would find,
/// so that pass (a read of every row) is skipped; the first reply drops them for good.
struct StagedSweeps {
    struct Result {
        var swept: [Int64: KeyOrderSweep]
        var outOfOrder: Set<Int64>
    }

    /// By conversation index; `nil` before its first row and after its times went back.
    private var sweeps: [KeyOrderSweep?] = []
    private var outOfOrder = Set<Int64>()
    private var sawReply = false

    mutating func addConversation() {
        if !sawReply { sweeps.append(nil) }
    }

    mutating func add(conv: Int, seq: Int64, ts: Int64, isReply: Bool) {
        guard !sawReply else { return }
        guard !isReply else {
            sawReply = true
            sweeps = []
            outOfOrder = []
            return
        }
        if sweeps[conv] == nil {
            guard !outOfOrder.contains(Int64(conv)) else { return }
            sweeps[conv] = KeyOrderSweep(conv: Int64(conv), firstSeq: seq)
        }
        if !sweeps[conv]!.add(seq: seq, ts: ts, isRoot: true) {
            sweeps[conv] = nil
            outOfOrder.insert(Int64(conv))
        }
    }

    /// The sweeps, or `nil` once a reply was staged.
    var withoutReplies: Result? {
        guard !sawReply else { return nil }
        var swept: [Int64: KeyOrderSweep] = [:]
        for (conv, sweep) in sweeps.enumerated() {
            if let sweep { swept[Int64(conv)] = sweep }
        }
        return Result(swept: swept, outOfOrder: outOfOrder)
    }
}
