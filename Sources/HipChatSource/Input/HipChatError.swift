/// A HipChat export that cannot be read: one line naming the file and, where it helps, the byte offset.
public struct HipChatError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }

    /// The one message for a wrong password, a wrong key derivation, or a file that is not an export.
    static func wrongPassword(_ file: String) -> HipChatError {
        HipChatError("\(file): wrong password or not a HipChat export")
    }
}
