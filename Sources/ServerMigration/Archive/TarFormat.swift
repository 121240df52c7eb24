/// The subset of the POSIX ustar/pax tar format the backup archive uses.
///
/// Why tar and not zip: the database dump is streamed from pg_dump/mysqldump and its size is unknown
/// until it ends. ZIPFoundation needs an entry's size (and a seekable source) up front, while a tar
/// header can be written first and patched with the final size afterwards, so the archive is written
/// in one sequential pass with flat memory, and it stays readable by any `tar`.
enum TarFormat {
    static let blockSize = 512
    static let maxUstarName = 100

    /// Builds one 512-byte header. Sizes beyond the octal field use the GNU base-256 form.
    static func header(name: String, size: Int64, mode: Int, mtime: Int64, type: UInt8) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: blockSize)
        func put(_ bytes: [UInt8], at offset: Int, length: Int) {
            for (index, byte) in bytes.prefix(length).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int64, at offset: Int, length: Int) {
            let digits = String(value, radix: 8)
            let padded = String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits
            put(Array(padded.utf8), at: offset, length: length - 1)
        }
        put(Array(name.utf8), at: 0, length: maxUstarName)
        octal(Int64(mode), at: 100, length: 8)
        octal(0, at: 108, length: 8)
        octal(0, at: 116, length: 8)
        if size < 0o77777777777 {
            octal(size, at: 124, length: 12)
        } else {
            block[124] = 0x80
            var remaining = size
            for index in stride(from: 135, to: 124, by: -1) {
                block[index] = UInt8(remaining & 0xff)
                remaining >>= 8
            }
        }
        octal(max(0, mtime), at: 136, length: 12)
        block[156] = type
        put(Array("ustar\u{0}00".utf8), at: 257, length: 8)
        put(Array(repeating: 0x20, count: 8), at: 148, length: 8)
        let checksum = block.reduce(0) { $0 + Int64($1) }
        let digits = String(checksum, radix: 8)
        put(Array((String(repeating: "0", count: max(0, 6 - digits.count)) + digits).utf8) + [0, 0x20], at: 148, length: 8)
        return block
    }

    /// A pax extended header record `"<len> path=<name>\n"`, for names longer than ustar allows.
    static func paxRecord(key: String, value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while String(length).utf8.count + body.utf8.count != length { length = String(length).utf8.count + body.utf8.count }
        return Array((String(length) + body).utf8)
    }

    static func padding(for size: Int64) -> Int {
        let remainder = Int(size % Int64(blockSize))
        return remainder == 0 ? 0 : blockSize - remainder
    }

    struct ParsedHeader {
        var name: String
        var size: Int64
        var mode: Int
        var type: UInt8
    }

    /// Parses a header block; nil for an all-zero block (end of archive). Throws on a bad checksum.
    static func parse(_ block: [UInt8]) -> Result<ParsedHeader?, HeaderError> {
        if block.allSatisfy({ $0 == 0 }) { return .success(nil) }
        func field(_ offset: Int, _ length: Int) -> [UInt8] {
            Array(block[offset..<offset + length].prefix { $0 != 0 })
        }
        func octal(_ offset: Int, _ length: Int) -> Int64? {
            let text = String(decoding: field(offset, length), as: UTF8.self).trimmingCharacters(in: " ")
            return text.isEmpty ? 0 : Int64(text, radix: 8)
        }
        var sum: Int64 = 0
        for (index, byte) in block.enumerated() { sum += (148..<156).contains(index) ? 0x20 : Int64(byte) }
        guard let stored = octal(148, 8), stored == sum else { return .failure(.badChecksum) }
        var size: Int64
        if block[124] & 0x80 != 0 {
            size = 0
            for index in 125..<136 { size = (size << 8) | Int64(block[index]) }
        } else {
            guard let parsed = octal(124, 12) else { return .failure(.badChecksum) }
            size = parsed
        }
        var name = String(decoding: field(0, 100), as: UTF8.self)
        let prefix = String(decoding: field(345, 155), as: UTF8.self)
        if !prefix.isEmpty { name = prefix + "/" + name }
        return .success(ParsedHeader(name: name, size: size, mode: Int(octal(100, 8) ?? 0o644), type: block[156]))
    }

    enum HeaderError: Error { case badChecksum }
}

private extension String {
    func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
