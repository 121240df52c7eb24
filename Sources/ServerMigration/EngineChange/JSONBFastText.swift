/// The common case of `JSONBText`, straight from bytes: renders a JSON text as PostgreSQL prints it
/// as `jsonb` (keys by length then bytes, the last duplicate kept, `", "`/`": "`), copying runs of
/// bytes instead of building `JSONValue`s. It only answers when the answer is certainly the one the
/// full path (`JSONParser` + `JSONBText.render`) gives: anything unusual — `\u0000`, lone
/// surrogates, escaped keys, fractions or exponents, deep nesting, invalid JSON — returns false and
/// the caller takes the full path, which also reports the fixes.
///
/// One instance per copy thread: its scratch buffers are kept between values.
struct JSONBFastText {
    /// One object member being rendered, as offsets into the output: `"key": value`.
    private struct Member {
        var start: Int
        var keyStart: Int
        var keyEnd: Int
        var end: Int
        var order: Int
    }

    /// Nesting deeper than this takes the full path (which has its own limit).
    private static let maximumDepth = 64

    private var members: [Member] = []
    private var scratch: [UInt8] = []

    /// Appends the jsonb text of `input` (valid UTF-8) to `output`; false (output unchanged) when the
    /// full path must decide.
    mutating func render(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        let mark = output.count
        var index = 0
        skipWhitespace(input, &index)
        guard value(input, &index, into: &output, depth: 0) else {
            output.removeSubrange(mark...)
            members.removeAll(keepingCapacity: true)
            return false
        }
        skipWhitespace(input, &index)
        guard index == input.count else {
            output.removeSubrange(mark...)
            return false
        }
        return true
    }

    @inline(__always)
    private func skipWhitespace(_ input: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < input.count {
            switch input[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func value(_ input: UnsafeBufferPointer<UInt8>, _ index: inout Int, into output: inout [UInt8], depth: Int) -> Bool {
        guard index < input.count, depth < Self.maximumDepth else { return false }
        switch input[index] {
        case UInt8(ascii: "\""): return string(input, &index, into: &output, isKey: false)
        case UInt8(ascii: "{"): return object(input, &index, into: &output, depth: depth + 1)
        case UInt8(ascii: "["): return array(input, &index, into: &output, depth: depth + 1)
        case UInt8(ascii: "t"): return literal("true", input, &index, into: &output)
        case UInt8(ascii: "f"): return literal("false", input, &index, into: &output)
        case UInt8(ascii: "n"): return literal("null", input, &index, into: &output)
        default: return integer(input, &index, into: &output)
        }
    }

    private func literal(_ word: StaticString, _ input: UnsafeBufferPointer<UInt8>, _ index: inout Int, into output: inout [UInt8]) -> Bool {
        let count = word.utf8CodeUnitCount
        guard input.count - index >= count else { return false }
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where input[index + offset] != bytes[offset] { return false }
        output.append(contentsOf: bytes)
        index += count
        return true
    }

    /// Integers only (`-?(0|[1-9][0-9]*)`): numeric prints them as written, `-0` as `0`.
    private func integer(_ input: UnsafeBufferPointer<UInt8>, _ index: inout Int, into output: inout [UInt8]) -> Bool {
        let start = index
        if input[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < input.count, input[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        let digits = index - digitsStart
        guard digits > 0, digits == 1 || input[digitsStart] != UInt8(ascii: "0") else { return false }
        if index < input.count {
            switch input[index] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return false
            default: break
            }
        }
        if digits == 1, input[digitsStart] == UInt8(ascii: "0") {
            output.append(UInt8(ascii: "0"))
        } else {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
        }
        return true
    }

    /// A string, re-escaped as PostgreSQL's `escape_json` does. Keys must need no escaping (their
    /// bytes are then their sort key).
    private func string(_ input: UnsafeBufferPointer<UInt8>, _ index: inout Int, into output: inout [UInt8], isKey: Bool) -> Bool {
        index += 1
        output.append(UInt8(ascii: "\""))
        var run = index
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<index]))
                output.append(UInt8(ascii: "\""))
                index += 1
                return true
            }
            if byte < 0x20 { return false }
            if byte != UInt8(ascii: "\\") { index += 1; continue }
            if isKey { return false }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<index]))
            guard index + 1 < input.count else { return false }
            let escape = input[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case UInt8(ascii: "/"): output.append(0x2F)
            case UInt8(ascii: "b"): output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case UInt8(ascii: "f"): output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case UInt8(ascii: "n"): output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case UInt8(ascii: "r"): output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case UInt8(ascii: "t"): output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case UInt8(ascii: "u"):
                guard var scalar = hex4(input, index) else { return false }
                index += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A surrogate pair; a lone surrogate is left to the full path.
                    guard index + 6 <= input.count, input[index] == 0x5C, input[index + 1] == UInt8(ascii: "u"),
                          let low = hex4(input, index + 2), low >= 0xDC00 && low < 0xE000 else { return false }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if scalar >= 0xDC00 && scalar < 0xE000 || scalar == 0 {
                    return false
                }
                appendEscapedScalar(scalar, to: &output)
            default:
                return false
            }
            run = index
        }
        return false
    }

    private func hex4(_ input: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32? {
        guard index + 4 <= input.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = input[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A decoded `\u` scalar as `escape_json` prints it: quote, backslash and controls escaped, the rest as UTF-8.
    private func appendEscapedScalar(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0x22: output.append(contentsOf: [0x5C, 0x22])
        case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
        case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case ..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(scalar >> 4)], hex[Int(scalar & 0xF)]])
        case ..<0x80: output.append(UInt8(scalar))
        case ..<0x800:
            output.append(contentsOf: [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)])
        case ..<0x10000:
            output.append(contentsOf: [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)])
        default:
            output.append(contentsOf: [UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)])
        }
    }

    private mutating func array(_ input: UnsafeBufferPointer<UInt8>, _ index: inout Int, into output: inout [UInt8], depth: Int) -> Bool {
        index += 1
        output.append(UInt8(ascii: "["))
        skipWhitespace(input, &index)
        if index < input.count, input[index] == UInt8(ascii: "]") {
            index += 1
            output.append(UInt8(ascii: "]"))
            return true
        }
        while true {
            guard value(input, &index, into: &output, depth: depth) else { return false }
            skipWhitespace(input, &index)
            guard index < input.count else { return false }
            let byte = input[index]
            index += 1
            if byte == UInt8(ascii: "]") { output.append(UInt8(ascii: "]")); return true }
            guard byte == UInt8(ascii: ",") else { return false }
            output.append(contentsOf: [UInt8(ascii: ","), 0x20])
            skipWhitespace(input, &index)
        }
    }

    /// Members are rendered in input order; only when their keys are out of jsonb order (or repeat)
    /// are they copied aside once and written back sorted.
    private mutating func object(_ input: UnsafeBufferPointer<UInt8>, _ index: inout Int, into output: inout [UInt8], depth: Int) -> Bool {
        index += 1
        let base = output.count
        output.append(UInt8(ascii: "{"))
        skipWhitespace(input, &index)
        if index < input.count, input[index] == UInt8(ascii: "}") {
            index += 1
            output.append(UInt8(ascii: "}"))
            return true
        }
        let firstMember = members.count
        var inOrder = true
        while true {
            guard index < input.count, input[index] == UInt8(ascii: "\"") else { return false }
            if members.count > firstMember { output.append(contentsOf: [UInt8(ascii: ","), 0x20]) }
            let start = output.count
            guard string(input, &index, into: &output, isKey: true) else { return false }
            let member = Member(start: start, keyStart: start + 1, keyEnd: output.count - 1, end: 0, order: members.count - firstMember)
            if inOrder, members.count > firstMember, !Self.precedes(members[members.count - 1], member, in: output) { inOrder = false }
            skipWhitespace(input, &index)
            guard index < input.count, input[index] == UInt8(ascii: ":") else { return false }
            index += 1
            output.append(contentsOf: [UInt8(ascii: ":"), 0x20])
            skipWhitespace(input, &index)
            // The member is recorded after its value: nested objects push and pop their own members.
            guard value(input, &index, into: &output, depth: depth) else { return false }
            members.append(member)
            members[members.count - 1].end = output.count
            skipWhitespace(input, &index)
            guard index < input.count else { return false }
            let byte = input[index]
            index += 1
            if byte == UInt8(ascii: "}") { break }
            guard byte == UInt8(ascii: ",") else { return false }
            skipWhitespace(input, &index)
        }
        if !inOrder { reorder(from: firstMember, base: base, output: &output) }
        members.removeSubrange(firstMember...)
        output.append(UInt8(ascii: "}"))
        return true
    }

    /// jsonb key order: shorter first, then bytes; strictly (equal keys are duplicates).
    private static func precedes(_ left: Member, _ right: Member, in bytes: [UInt8]) -> Bool {
        compare(left, right, in: bytes) < 0
    }

    private static func compare(_ left: Member, _ right: Member, in bytes: [UInt8]) -> Int {
        let (leftCount, rightCount) = (left.keyEnd - left.keyStart, right.keyEnd - right.keyStart)
        if leftCount != rightCount { return leftCount < rightCount ? -1 : 1 }
        return bytes.withUnsafeBufferPointer { buffer in
            for offset in 0..<leftCount {
                let (a, b) = (buffer[left.keyStart + offset], buffer[right.keyStart + offset])
                if a != b { return a < b ? -1 : 1 }
            }
            return 0
        }
    }

    /// Sorts this object's members by key, keeps the last of equal keys, and rewrites them after `{`.
    private mutating func reorder(from firstMember: Int, base: Int, output: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: output[base...])
        let shift = base
        for position in firstMember..<members.count {
            members[position].start -= shift
            members[position].keyStart -= shift
            members[position].keyEnd -= shift
            members[position].end -= shift
        }
        let bytes = scratch
        members[firstMember...].sort { left, right in
            let order = Self.compare(left, right, in: bytes)
            return order != 0 ? order < 0 : left.order < right.order
        }
        output.removeSubrange((base + 1)...)
        var written = 0
        for position in firstMember..<members.count {
            // Of equal keys (adjacent after sorting) only the last in input order is kept.
            if position + 1 < members.count, Self.compare(members[position], members[position + 1], in: bytes) == 0 { continue }
            if written > 0 { output.append(contentsOf: [UInt8(ascii: ","), 0x20]) }
            output.append(contentsOf: bytes[members[position].start..<members[position].end])
            written += 1
        }
    }
}
