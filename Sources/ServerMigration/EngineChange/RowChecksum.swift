import DatabaseClients
import Crypto

/// An order-independent table checksum over normalised rows: the exact sum of the first 60 bits of
/// each row's MD5. PostgreSQL computes the same sum in SQL (`RowChecksum.postgresQuery`), so no
/// sort and no transfer of the table is needed to verify it.
struct RowChecksum: Equatable {
    private(set) var rows: Int64 = 0
    private var high: UInt64 = 0
    private var low: UInt64 = 0

    /// Adds one row; `fields` are the normalised values (nil for NULL) in column order.
    mutating func add(row fields: [[UInt8]?]) {
        var text: [UInt8] = []
        for field in fields { Self.appendField(field, to: &text) }
        add(encodedRow: text)
    }

    mutating func add(encodedRow text: [UInt8]) {
        var hasher = Insecure.MD5()
        text.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let digest = hasher.finalize()
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        value >>= 4
        let (sum, overflow) = low.addingReportingOverflow(value)
        low = sum
        if overflow { high += 1 }
        rows += 1
    }

    /// `N` for NULL, else `V<characters>:<value>`, as in the PostgreSQL expression.
    static func appendField(_ field: [UInt8]?, to text: inout [UInt8]) {
        guard let field else { text.append(UInt8(ascii: "N")); return }
        field.withUnsafeBufferPointer { appendField($0, to: &text) }
    }

    static func appendField(_ field: UnsafeBufferPointer<UInt8>, to text: inout [UInt8]) {
        text.append(UInt8(ascii: "V"))
        appendDecimal(FieldConverter.characterCount(field), to: &text)
        text.append(UInt8(ascii: ":"))
        text.append(contentsOf: field)
    }

    /// A non-negative number's decimal digits, without building a String.
    static func appendDecimal(_ number: Int, to text: inout [UInt8]) {
        var divisor = 1
        while divisor <= number / 10 { divisor *= 10 }
        var rest = number
        while divisor > 0 {
            text.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// The sum as a decimal number, as PostgreSQL's `sum(bigint)` prints it.
    var sumText: String {
        if high == 0 { return String(low) }
        // 128-bit to decimal by repeated division by 10^18.
        var (h, l) = (high, low)
        var parts: [UInt64] = []
        let divisor: UInt64 = 1_000_000_000_000_000_000
        while h > 0 || l >= divisor {
            let (q1, r1) = h.quotientAndRemainder(dividingBy: divisor)
            let (q2, r2) = divisor.dividingFullWidth((r1, l))
            parts.append(r2)
            (h, l) = (q1, q2)
        }
        var text = String(l)
        for part in parts.reversed() {
            let digits = String(part)
            text += String(repeating: "0", count: 18 - digits.count) + digits
        }
        return text
    }

    /// The query that returns `count(*)` and the checksum sum of a table in PostgreSQL. Each
    /// normalised value is computed once in a subquery (`OFFSET 0` keeps PostgreSQL from inlining it
    /// into both of its uses, which would render every jsonb value twice).
    static func postgresQuery(table: String, columns: [ColumnMapping]) -> String {
        let values = columns.enumerated().map { position, column in
            "\(column.kind.normalisedExpression(SQLText.postgresIdentifier(column.targetName))) AS v\(position)"
        }
        let fields = columns.indices.map { "coalesce('V' || length(v\($0)) || ':' || v\($0), 'N')" }
        let row = fields.isEmpty ? "''" : fields.joined(separator: " || ")
        let source = values.isEmpty ? SQLText.postgresIdentifier(table)
            : "(SELECT \(values.joined(separator: ", ")) FROM \(SQLText.postgresIdentifier(table)) OFFSET 0) AS normalised"
        return "SELECT count(*), coalesce(sum(('x' || substr(md5(\(row)), 1, 15))::bit(60)::bigint), 0) FROM \(source)"
    }
}
