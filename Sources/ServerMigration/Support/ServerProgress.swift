/// Progress of the long phases of the server operations (dump, file copy, restore, verify). The
/// CLI installs a handler for the duration of a command (`ServerProgress.$handler.withValue`); a
/// task-local keeps the operations' signatures unchanged and reaches child tasks too. Without a
/// handler, reporting costs one nil check.
public enum ServerProgress {
    /// What `done` and `total` count.
    public enum Unit: Sendable { case items, bytes }

    /// Called with a phase name, the amount done, the total (0 when unknown) and the unit.
    public typealias Handler = @Sendable (_ phase: String, _ done: Int64, _ total: Int64, _ unit: Unit) -> Void

    @TaskLocal public static var handler: Handler?

    static func report(_ phase: String, _ done: Int64, of total: Int64 = 0, _ unit: Unit = .items) {
        handler?(phase, done, total, unit)
    }

    /// Counts the bytes of a stream for one phase's progress.
    final class ByteCounter: @unchecked Sendable {
        private let phase: String
        private let total: Int64
        private var done: Int64 = 0

        init(_ phase: String, total: Int64 = 0) {
            self.phase = phase
            self.total = total
        }

        func add(_ count: Int) {
            done += Int64(count)
            ServerProgress.report(phase, done, of: total, .bytes)
        }
    }
}
