import Foundation

/// Small mapping files given on the command line (`--user-map users.csv`): RFC 4180 CSV (quoted fields,
/// doubled quotes, CRLF or LF), read whole, blank lines and `#` comment lines skipped.
public enum SimpleCSV {
    /// A CSV problem, named by file and line.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The rows of the file at `url` (each a list of fields).
    public static func rows(of url: URL) throws -> [[String]] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Failure(description: "\(url.path): cannot read (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "\(url.path): not UTF-8 text")
        }
        return try rows(text, name: url.path)
    }

    /// The rows of CSV `text`; `name` names it in errors.
    public static func rows(_ text: String, name: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var line = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            row.append(field)
            let blank = row.count == 1 && row[0].isEmpty && !wasQuoted
            if !blank && !(row.first?.hasPrefix("#") == true && !wasQuoted) { rows.append(row) }
            row = []; field = ""; wasQuoted = false
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true; wasQuoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n": endRow(); line += 1
            default: field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw Failure(description: "\(name): line \(line): unterminated quoted field") }
        if !field.isEmpty || !row.isEmpty || wasQuoted { endRow() }
        return rows
    }
}
