import DatabaseClients
import Foundation

/// One value of a result row, as any SQL client can give it.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    /// Text as stored: the bytes, not yet checked as UTF-8 (archives hold non-UTF-8 bytes). Client
    /// readers hand out slices of one buffer per row (an array per field was an allocation per
    /// column of every row); a value kept beyond the row's call copies on the next row's write.
    case text(ArraySlice<UInt8>)

    public var int64: Int64? {
        switch self {
        case .integer(let value): value
        case .text(let bytes): Self.integer(bytes)
        case .null: nil
        }
    }

    /// The text, with invalid UTF-8 sequences replaced by U+FFFD; `repaired` says whether any were.
    public var text: (value: String, repaired: Bool)? {
        switch self {
        case .null: return nil
        case .integer(let value): return (String(value), false)
        case .text(let bytes):
            // Decoded with repair, then compared: valid UTF-8 comes out byte for byte. (`String(validating:)`
            // is not specialised for byte arrays; it cost twice the decoding, per column of every row.)
            let value = String(decoding: bytes, as: UTF8.self)
            let same = value.utf8.withContiguousStorageIfAvailable { decoded in
                bytes.withUnsafeBufferPointer { decoded.count == $0.count && (decoded.isEmpty || memcmp(decoded.baseAddress!, $0.baseAddress!, $0.count) == 0) }
            } ?? value.utf8.elementsEqual(bytes)
            return (value, !same)
        }
    }

    public var string: String? { text?.value }

    /// Decimal digits with an optional sign, between optional spaces or tabs (as `Int64(String)` after
    /// trimming, without building the string: archives hand over millions of numeric text columns).
    static func integer(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        let negative = bytes[start] == UInt8(ascii: "-")
        if negative || bytes[start] == UInt8(ascii: "+") { start += 1 }
        guard start < end else { return nil }
        var value: Int64 = 0
        for byte in bytes[start..<end] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            // Accumulate negatively so Int64.min parses; overflow is "not a number", as with Int64(String).
            let (scaled, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = scaled.subtractingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }
}

/// How a reader reaches a chat server's database (XMPP servers, Cisco IM&P, …): table columns, and
/// rows streamed one at a time (never a whole table in memory). SQLite is built in; PostgreSQL and
/// MariaDB clients adopt the same protocol. Readers send plain `SELECT … FROM … WHERE … ORDER BY …`
/// that every one of them runs unchanged (identifiers that are keywords go through `quote`).
public protocol SQLRowReader: AnyObject {
    /// What the database is, for messages (`archive.sqlite`, `postgres://host/db`).
    var displayName: String { get }
    /// The columns of `table` in lower case; empty when there is no such table.
    func columns(of table: String) throws -> [String]
    /// Runs `sql` and hands each row to `body`, in the query's order.
    func forEachRow(_ sql: String, _ body: ([SQLValue]) throws -> Void) throws
    /// `identifier` quoted for this database (a column named `when` or `with`).
    func quote(_ identifier: String) -> String
    /// A condition true when `column` holds `text` (case as the database compares it), in the
    /// database's fastest plain substring search: `LIKE '%…%'` is a pattern match, two to three times
    /// slower over a million stanzas.
    func containsCondition(column: String, text: String) -> String
    /// Whether two threads may run queries at once, each on its own (a client process per query);
    /// `false` for a connection that serialises them.
    var runsQueriesConcurrently: Bool { get }
}

extension SQLRowReader {
    /// Standard SQL's double quotes (SQLite, PostgreSQL); MariaDB's reader uses backticks.
    public func quote(_ identifier: String) -> String { "\"\(identifier)\"" }

    /// SQLite's `instr` (which, unlike its `LIKE`, compares case as XML does).
    public func containsCondition(column: String, text: String) -> String { "instr(\(column), \(SQLText.postgresLiteral(text))) > 0" }

    public var runsQueriesConcurrently: Bool { false }
}


/// A database that cannot be opened or read, as one line naming it.
public struct SQLSourceError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
