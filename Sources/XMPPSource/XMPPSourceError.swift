/// Input an XMPP conversion cannot use, as one line naming the database, file, row or byte offset.
public struct XMPPSourceError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
