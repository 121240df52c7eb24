import ArgumentParser
import Foundation

/// Where the password of an encrypted HipChat export comes from: `--password-file`, the
/// `HIPCHAT_EXPORT_PASSWORD` environment variable, or a prompt on the terminal — never the command
/// line, and never echoed or logged. Asked for only when the export turns out to be encrypted.
struct HipChatPasswordOptions: ParsableArguments {
    static let environmentVariable = "HIPCHAT_EXPORT_PASSWORD"

    @Option(help: ArgumentHelp("File holding the export's password (one trailing newline is ignored). Otherwise \(environmentVariable), or a prompt on a terminal.",
                               valueName: "file"))
    var passwordFile: String?

    /// The password bytes, or nil when there is none to be had (no file, no variable, no terminal).
    func password() throws -> [UInt8]? {
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw ValidationError("--password-file \(passwordFile) cannot be read")
            }
            var bytes = Array(data)
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
            return bytes
        }
        if let value = ProcessInfo.processInfo.environment[Self.environmentVariable] { return Array(value.utf8) }
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        return Self.prompt("HipChat export password: ")
    }

    /// Reads a line from the terminal with echo off.
    private static func prompt(_ text: String) -> [UInt8]? {
        FileHandle.standardError.write(Data(text.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { return nil }
        return Array(line.utf8)
    }
}
