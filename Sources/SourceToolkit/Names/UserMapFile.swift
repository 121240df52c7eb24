import Foundation

/// A `--user-map` CSV: how source identities (a JID, a nick, a screen name) become Mattermost users.
///
/// The first column is the source identity; the columns `username` and `email` (any order, any case, both
/// optional per row) say what to use instead of what the source gives. A header row naming them is
/// optional: without one, the columns are `source,username[,email]`. Fields may be quoted (`"a, b"`, `""`
/// for a quote). Blank lines and lines starting with `#` are ignored.
///
///     jid,username,email
///     alice@jabber.example.com,alice.smith,alice.smith@example.com
public struct UserMapFile: Sendable, Equatable {
    /// What one row says about a source identity.
    public struct Entry: Sendable, Equatable {
        public var username: String?
        public var email: String?

        public init(username: String? = nil, email: String? = nil) {
            self.username = username
            self.email = email
        }
    }

    /// Entries by source identity, as written in the file (the reader normalises the keys).
    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// Reads the CSV at `url`; a malformed file is a one-line error naming the file and line.
    public init(contentsOf url: URL) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw UserMapError(message: "\(url.path): cannot read the user map as UTF-8 text")
        }
        try self.init(csv: text, name: url.path)
    }

    /// Parses CSV text; `name` names the file in errors.
    public init(csv text: String, name: String = "user map") throws {
        var rows = CSVLines(text)
        var entries: [String: Entry] = [:]
        guard let first = try rows.next(name: name) else {
            self.entries = entries
            return
        }
        let columns = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var usernameColumn = columns.firstIndex(of: "username"), emailColumn = columns.firstIndex(of: "email")
        var pendingRow: CSVLines.Record?
        if usernameColumn == nil && emailColumn == nil {
            // No header: positional `source,username[,email]`.
            (usernameColumn, emailColumn, pendingRow) = (1, 2, first)
        } else if columns.count < 2 || usernameColumn == 0 || emailColumn == 0 {
            throw UserMapError(message: "\(name): the header must name the source column first, then username and/or email")
        }
        while let row = try pendingRow.take() ?? rows.next(name: name) {
            func field(_ column: Int?) -> String? {
                guard let column, column < row.fields.count else { return nil }
                let value = row.fields[column].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            guard let key = field(0) else { continue }
            guard entries[key] == nil else { throw UserMapError(message: "\(name):\(row.line): '\(key)' is mapped twice") }
            entries[key] = Entry(username: field(usernameColumn), email: field(emailColumn))
        }
        self.entries = entries
    }
}

/// A user map that cannot be used, as one line naming the file (and line).
public struct UserMapError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The records of RFC 4180 CSV text, one at a time (quoted fields may span lines).
struct CSVLines {
    struct Record {
        var fields: [String]
        var line: Int
    }

    private var scalars: String.UnicodeScalarView.Iterator
    private var pending: Unicode.Scalar?
    private var line = 1

    init(_ text: String) {
        scalars = text.unicodeScalars.makeIterator()
    }

    private mutating func read() -> Unicode.Scalar? {
        if let pending { self.pending = nil; return pending }
        return scalars.next()
    }

    /// The next non-blank record, or `nil` at the end.
    mutating func next(name: String) throws -> Record? {
        while true {
            let start = line
            var fields: [String] = []
            var field = String.UnicodeScalarView()
            var quoted = false, sawAny = false
            reading: while let scalar = read() {
                sawAny = true
                if quoted {
                    if scalar == "\"" {
                        if let following = read() {
                            if following == "\"" { field.append("\""); continue }
                            pending = following
                        }
                        quoted = false
                    } else {
                        if scalar == "\n" { line += 1 }
                        field.append(scalar)
                    }
                    continue
                }
                switch scalar {
                case "\"" where field.isEmpty: quoted = true
                case ",": fields.append(String(field)); field = String.UnicodeScalarView()
                case "\r": continue
                case "\n": line += 1; break reading
                default: field.append(scalar)
                }
            }
            if quoted { throw UserMapError(message: "\(name):\(start): a quoted field is never closed") }
            guard sawAny else { return nil }
            fields.append(String(field))
            if fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if fields[0].hasPrefix("#") { continue }
            return Record(fields: fields, line: start)
        }
    }
}
