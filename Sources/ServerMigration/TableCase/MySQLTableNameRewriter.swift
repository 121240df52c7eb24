/// Renames Bitnami's lower-cased table names to Mattermost's canonical names in MySQL SQL text
/// (a mysqldump file, or a view body), streamed chunk by chunk with constant memory.
///
/// A real tokenizer, not a search-and-replace: string literals ('…', "…", with backslash escapes) and
/// comments (`-- `, `#`, `/* */`) pass through byte for byte, so a post that says "users" or
/// `` `users` `` is untouched. Only identifiers in table positions are renamed:
/// - the name after FROM, JOIN, INTO, UPDATE, TABLE, TABLES, REFERENCES, VIEW, EXISTS or TO
///   (the last part of `db`.`table` there);
/// - the table part of a qualified column, `table`.`column` and `db`.`table`.`column`.
/// MySQL executable comments (`/*!40000 … */`, which mysqldump uses for ALTER TABLE, CREATE VIEW, …)
/// are code and are rewritten too. Column, index and constraint names are case-insensitive in MySQL
/// (spec §2.1) and are left alone.
public final class MySQLTableNameRewriter {
    /// How many identifiers were renamed, by canonical name.
    public private(set) var renamed: [String: Int] = [:]
    /// Quoted names seen in table positions that are neither Mattermost tables nor known lower-case tables.
    public private(set) var unknownTables: Set<String> = []
    /// Every quoted or unquoted name seen in a table position, as written.
    public private(set) var tableNamesSeen: Set<String> = []

    private enum State { case code, singleQuoted, doubleQuoted, backtick, lineComment, blockComment }

    private struct ChainPart {
        var raw: [UInt8]
        var name: String
        var quoted: Bool
    }

    private var state = State.code
    private var escapeNext = false
    private var inExecutableComment = false
    private var previousByte: UInt8 = 0
    private var word: [UInt8] = []
    private var quotedName: [UInt8] = []
    private var chain: [ChainPart] = []
    private var chainExpectsPart = false
    private var tablePosition = false
    private var carry: [UInt8] = []
    /// Inside a token too long to be a table name (MySQL names have at most 64 characters), passed
    /// through without buffering so memory stays flat on malformed input or long hex literals.
    private var passingLongToken = false
    private static let longestName = 256
    private var output: [UInt8] = []

    private static let tablePositionKeywords: Set<String> = [
        "from", "join", "straight_join", "into", "update", "table", "tables", "references", "view", "exists", "to",
    ]

    public init() {}

    /// Rewrites the next chunk; returns the bytes ready to be written (some may be held back).
    public func process(_ chunk: [UInt8]) -> [UInt8] {
        var input = carry
        input.append(contentsOf: chunk)
        carry.removeAll()
        run(input, isFinal: false)
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    /// Flushes everything held back at the end of the input.
    public func finish() -> [UInt8] {
        let input = carry
        carry.removeAll()
        run(input, isFinal: true)
        if !word.isEmpty { endWord() }
        if !chain.isEmpty { finishChain() }
        if state == .backtick && !passingLongToken { output.append(UInt8(ascii: "`")); output.append(contentsOf: quotedName) }
        defer { output.removeAll() }
        return output
    }

    /// Collisions: both a lower-cased name and its canonical form were seen (e.g. `users` and `Users`).
    public var collisions: [String] {
        tableNamesSeen.compactMap { name in
            guard let canonical = MattermostTableNames.canonicalName(for: name), tableNamesSeen.contains(canonical) else { return nil }
            return "\(name)/\(canonical)"
        }.sorted()
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
            || byte == 0x5f || byte == 0x24 || byte >= 0x80
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0d) }

    private func run(_ input: [UInt8], isFinal: Bool) {
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch state {
            case .singleQuoted, .doubleQuoted:
                output.append(byte)
                if escapeNext {
                    escapeNext = false
                } else if byte == 0x5c {
                    escapeNext = true
                } else if byte == (state == .singleQuoted ? 0x27 : 0x22) {
                    state = .code
                }
                index += 1
            case .backtick:
                if passingLongToken {
                    output.append(byte)
                    if byte == 0x60 { state = .code; passingLongToken = false }
                } else if quotedName.count >= Self.longestName && byte != 0x60 {
                    if !chain.isEmpty { finishChain() }
                    output.append(0x60)
                    output.append(contentsOf: quotedName)
                    output.append(byte)
                    quotedName.removeAll()
                    passingLongToken = true
                } else if byte == 0x60 {
                    state = .code
                    addChainPart(ChainPart(raw: [0x60] + quotedName + [0x60], name: String(decoding: quotedName, as: UTF8.self), quoted: true))
                    quotedName.removeAll()
                } else {
                    quotedName.append(byte)
                }
                index += 1
            case .lineComment:
                output.append(byte)
                if byte == 0x0a { state = .code }
                index += 1
            case .blockComment:
                output.append(byte)
                if previousByte == 0x2a && byte == 0x2f { state = .code; previousByte = 0 } else { previousByte = byte }
                index += 1
            case .code:
                // Constructs that need up to two bytes of look-ahead wait for the next chunk.
                if !isFinal, index + 2 >= input.count, byte == 0x2d || byte == 0x2f || byte == 0x2a {
                    carry = Array(input[index...])
                    return
                }
                index += codeByte(input, index)
            }
        }
    }

    /// Handles one code byte (or a short construct starting there); returns how many bytes it used.
    private func codeByte(_ input: [UInt8], _ index: Int) -> Int {
        let byte = input[index]
        let next = index + 1 < input.count ? input[index + 1] : 0
        let afterNext = index + 2 < input.count ? input[index + 2] : 0
        if passingLongToken {
            if Self.isWordByte(byte) { output.append(byte); return 1 }
            passingLongToken = false
        }
        if Self.isWordByte(byte) {
            if word.count >= Self.longestName {
                if !chain.isEmpty { finishChain() }
                output.append(contentsOf: word)
                output.append(byte)
                word.removeAll()
                passingLongToken = true
                tablePosition = false
                return 1
            }
            if chainExpectsPart || chain.isEmpty || !word.isEmpty {
                word.append(byte)
                return 1
            }
        }
        if !word.isEmpty { endWord() }
        if !chain.isEmpty {
            if byte == 0x2e && !chainExpectsPart {
                chainExpectsPart = true
                chain[chain.count - 1].raw.append(0x2e)
                return 1
            }
            if !(chainExpectsPart && (byte == 0x60 || Self.isWordByte(byte))) { finishChain() }
        }
        if Self.isWordByte(byte) {
            word.append(byte)
            return 1
        }
        switch byte {
        case 0x60:
            state = .backtick
            return 1
        case 0x27:
            state = .singleQuoted
            tablePosition = false
        case 0x22:
            state = .doubleQuoted
            tablePosition = false
        case 0x23:
            state = .lineComment
        case 0x2d where next == 0x2d && (Self.isSpace(afterNext) || afterNext == 0):
            state = .lineComment
        case 0x2f where next == 0x2a:
            if afterNext == 0x21 {
                inExecutableComment = true
                output.append(contentsOf: [0x2f, 0x2a, 0x21])
                return 3
            }
            state = .blockComment
            previousByte = 0
            output.append(contentsOf: [0x2f, 0x2a])
            return 2
        case 0x2a where next == 0x2f && inExecutableComment:
            inExecutableComment = false
            output.append(contentsOf: [0x2a, 0x2f])
            return 2
        case 0x28:
            break // "FROM (" keeps the table position
        default:
            if !Self.isSpace(byte) { tablePosition = false }
        }
        output.append(byte)
        return 1
    }

    private func endWord() {
        let text = String(decoding: word, as: UTF8.self)
        let raw = word
        word.removeAll()
        if chain.isEmpty && Self.tablePositionKeywords.contains(text.lowercased()) {
            output.append(contentsOf: raw)
            tablePosition = true
            return
        }
        addChainPart(ChainPart(raw: raw, name: text, quoted: false))
    }

    private func addChainPart(_ part: ChainPart) {
        chain.append(part)
        chainExpectsPart = false
    }

    /// Decides which part of a dotted name is a table, renames it if needed, and writes the chain.
    private func finishChain() {
        defer {
            chain.removeAll()
            chainExpectsPart = false
            tablePosition = false
        }
        let tableIndex: Int?
        if tablePosition {
            tableIndex = chain.count - 1
        } else if chain.count == 3 {
            tableIndex = 1
        } else if chain.count == 2 {
            tableIndex = 0
        } else {
            tableIndex = nil
        }
        if let tableIndex {
            let part = chain[tableIndex]
            if tablePosition { noteTablePosition(part) }
            if let canonical = MattermostTableNames.canonicalName(for: part.name) {
                renamed[canonical, default: 0] += 1
                let dot: [UInt8] = part.raw.last == 0x2e ? [0x2e] : []
                chain[tableIndex].raw = (part.quoted ? [0x60] + Array(canonical.utf8) + [0x60] : Array(canonical.utf8)) + dot
            }
        }
        for part in chain { output.append(contentsOf: part.raw) }
    }

    private func noteTablePosition(_ part: ChainPart) {
        guard part.quoted else { return } // unquoted words there may be keywords (IF, SELECT, …)
        tableNamesSeen.insert(part.name)
        if MattermostTableNames.canonicalByLowercase[part.name.lowercased()] == nil, !MattermostTableNames.isKnownLowercase(part.name) {
            unknownTables.insert(part.name)
        }
    }
}
