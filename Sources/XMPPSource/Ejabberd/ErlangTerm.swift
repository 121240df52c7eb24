/// The Erlang terms ejabberd writes into `muc_room.opts` (`[{title,<<"Room">>},{members_only,true},…]`):
/// lists, tuples, atoms, integers, strings and binaries (`<<"text">>`, `<<"text"/utf8>>`, octal
/// escapes as `io_lib` prints UTF-8 bytes, or byte lists `<<67,97>>`).
indirect enum ErlangTerm: Equatable {
    case atom(String)
    case integer(Int64)
    case text(String)
    case list([ErlangTerm])
    case tuple([ErlangTerm])

    /// The value of `key` in a property list (`[{key, value}, …]`).
    subscript(key: String) -> ErlangTerm? {
        guard case .list(let items) = self else { return nil }
        for case .tuple(let pair) in items where pair.count == 2 && pair[0] == .atom(key) { return pair[1] }
        return nil
    }

    var string: String? {
        switch self {
        case .text(let s), .atom(let s): s
        default: nil
        }
    }

    var bool: Bool? {
        switch self {
        case .atom("true"): true
        case .atom("false"): false
        default: nil
        }
    }

    /// Parses a whole term (a trailing `.` is allowed); `nil` if it is not one.
    static func parse(_ text: String) -> ErlangTerm? {
        var parser = Parser(bytes: Array(text.utf8))
        guard let term = parser.term() else { return nil }
        parser.skipSpace()
        if parser.peek == UInt8(ascii: ".") { parser.index += 1; parser.skipSpace() }
        return parser.index == parser.bytes.count ? term : nil
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = peek, byte == 32 || byte == 9 || byte == 10 || byte == 13 { index += 1 }
        }

        mutating func expect(_ char: Character) -> Bool {
            skipSpace()
            guard peek == char.asciiValue else { return false }
            index += 1
            return true
        }

        mutating func term() -> ErlangTerm? {
            skipSpace()
            guard let byte = peek, depth < 64 else { return nil }
            depth += 1
            defer { depth -= 1 }
            switch byte {
            case UInt8(ascii: "["): index += 1; return sequence(close: "]").map(ErlangTerm.list)
            case UInt8(ascii: "{"): index += 1; return sequence(close: "}").map(ErlangTerm.tuple)
            case UInt8(ascii: "<") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "<"):
                index += 2
                return binary()
            case UInt8(ascii: "\""): return quoted(UInt8(ascii: "\"")).map(ErlangTerm.text)
            case UInt8(ascii: "'"): return quoted(UInt8(ascii: "'")).map(ErlangTerm.atom)
            case UInt8(ascii: "-"), 48...57: return integer().map(ErlangTerm.integer)
            default:
                let start = index
                while let c = peek, c == UInt8(ascii: "_") || c == UInt8(ascii: "@") || (48...57).contains(c)
                    || (65...90).contains(c) || (97...122).contains(c) { index += 1 }
                guard index > start else { return nil }
                return .atom(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        mutating func sequence(close: Character) -> [ErlangTerm]? {
            var items: [ErlangTerm] = []
            if expect(close) { return items }
            while true {
                guard let item = term() else { return nil }
                items.append(item)
                if expect(",") { continue }
                if expect("|"), let tail = term(), case .list(let rest) = tail { items += rest; return expect(close) ? items : nil }
                return expect(close) ? items : nil
            }
        }

        mutating func integer() -> Int64? {
            let start = index
            if peek == UInt8(ascii: "-") { index += 1 }
            while let c = peek, (48...57).contains(c) { index += 1 }
            return Int64(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        /// `<<` already read: `"…"`, `"…"/utf8`, a byte list, or nothing, then `>>`.
        mutating func binary() -> ErlangTerm? {
            skipSpace()
            var out: [UInt8] = []
            if peek == UInt8(ascii: "\"") {
                guard let text = quotedBytes(UInt8(ascii: "\"")) else { return nil }
                out = text
                if expect("/") { _ = term() }  // the `/utf8` type specifier
            } else if peek != UInt8(ascii: ">") {
                while true {
                    guard let value = integer(), (0...255).contains(value) else { return nil }
                    out.append(UInt8(value))
                    if !expect(",") { break }
                    skipSpace()
                }
            }
            guard expect(">"), expect(">") else { return nil }
            return .text(String(decoding: out, as: UTF8.self))
        }

        mutating func quoted(_ quote: UInt8) -> String? {
            quotedBytes(quote).map { String(decoding: $0, as: UTF8.self) }
        }

        /// A quoted string's bytes with Erlang escapes (`\"`, `\\`, `\n`, `\t`, octal `\303`) decoded.
        mutating func quotedBytes(_ quote: UInt8) -> [UInt8]? {
            index += 1
            var out: [UInt8] = []
            while let byte = peek {
                index += 1
                if byte == quote { return out }
                guard byte == UInt8(ascii: "\\"), let next = peek else { out.append(byte); continue }
                index += 1
                switch next {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case 48...55:
                    var value = Int(next - 48)
                    for _ in 0..<2 {
                        guard let digit = peek, (48...55).contains(digit) else { break }
                        value = value * 8 + Int(digit - 48)
                        index += 1
                    }
                    out.append(UInt8(truncatingIfNeeded: value))
                default: out.append(next)
                }
            }
            return nil
        }
    }
}
