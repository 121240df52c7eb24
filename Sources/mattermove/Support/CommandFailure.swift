import ArgumentParser
import Foundation

/// A failure that carries its own exit status (e.g. 2 for unreadable input).
protocol ExitStatusError: Error {
    var exitStatus: Int32 { get }
}

/// Turns any error into the one-line `error: …` form on stderr and the right exit status. Errors of
/// swift-argument-parser itself (usage, `--help`, `--version`, explicit exit codes) keep its handling.
enum CommandFailure {
    static func exit(with error: Error, command: ParsableCommand.Type) -> Never {
        if error is ExitCode || error is CleanExit || error is ValidationError
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            command.exit(withError: error)
        }
        let text = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("error: \(text)\n".utf8))
        Foundation.exit((error as? ExitStatusError)?.exitStatus ?? 1)
    }
}
