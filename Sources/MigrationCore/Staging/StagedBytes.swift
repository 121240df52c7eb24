import MattermostImport

/// The compact binary form of the staging store's blobs (message extras, file references): varint
/// lengths and numbers, UTF-8 strings, JSON values tagged by kind. Foundation's JSON coders cost a
/// tenth of a whole conversion here, and round-tripped big numbers through `Double`; this form is
/// written and read only by this process, so it needs no versioning.
struct StagedBytesWriter {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(64)
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func count(_ value: Int) {
        unsigned(UInt64(value))
    }

    /// Zig-zag, so small negative numbers stay short.
    mutating func int(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func strings(_ values: [String]) {
        count(values.count)
        for value in values { string(value) }
    }

    mutating func json(_ value: JSONValue) {
        switch value {
        case .null: byte(0)
        case .bool(let flag): byte(flag ? 2 : 1)
        case .int(let number): byte(3); int(number)
        case .double(let number): byte(4); unsigned(number.bitPattern)
        case .number(let text): byte(5); string(text)
        case .string(let text): byte(6); string(text)
        case .array(let items):
            byte(7)
            count(items.count)
            for item in items { json(item) }
        case .object(let object):
            byte(8)
            count(object.members.count)
            for member in object.members {
                string(member.key)
                json(member.value)
            }
        }
    }

    private mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}

/// Reads what `StagedBytesWriter` wrote; a blob that ends early or holds an unknown tag throws.
struct StagedBytesReader {
    struct Corrupt: Error, CustomStringConvertible {
        var description: String { "a staged record is damaged (the scratch store was changed while in use)" }
    }

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Corrupt() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func count() throws -> Int {
        let value = try unsigned()
        // A count can never exceed the bytes left; this also keeps `reserveCapacity` honest.
        guard value <= UInt64(bytes.count - offset) else { throw Corrupt() }
        return Int(value)
    }

    mutating func int() throws -> Int64 {
        let value = try unsigned()
        return Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    mutating func strings() throws -> [String] {
        let total = try count()
        var values: [String] = []
        values.reserveCapacity(total)
        for _ in 0..<total { values.append(try string()) }
        return values
    }

    mutating func json(depth: Int = 0) throws -> JSONValue {
        // The writer only ever nests as deep as the parser allowed; this guards the stack anyway.
        guard depth < 10_000 else { throw Corrupt() }
        switch try byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .int(try int())
        case 4: return .double(Double(bitPattern: try unsigned()))
        case 5: return .number(try string())
        case 6: return .string(try string())
        case 7:
            let total = try count()
            var items: [JSONValue] = []
            items.reserveCapacity(total)
            for _ in 0..<total { items.append(try json(depth: depth + 1)) }
            return .array(items)
        case 8:
            let total = try count()
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(total)
            for _ in 0..<total {
                let key = try string()
                members.append((key, try json(depth: depth + 1)))
            }
            return .object(JSONObject(members))
        default:
            throw Corrupt()
        }
    }

    private mutating func unsigned() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw Corrupt() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }
}

extension SourceFile {
    func write(to writer: inout StagedBytesWriter) {
        writer.string(id)
        writer.string(name)
        writer.string(locator)
        if let size { writer.byte(1); writer.int(size) } else { writer.byte(0) }
    }

    init(from reader: inout StagedBytesReader) throws {
        let id = try reader.string(), name = try reader.string(), locator = try reader.string()
        let size = try reader.byte() == 1 ? try reader.int() : nil
        self.init(id: id, name: name, locator: locator, size: size)
    }
}
