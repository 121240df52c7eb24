import Foundation
import Testing
import SourceToolkit
@testable import CSVSource

/// JSON Lines edge cases: BOM, CRLF, blank lines, a last line without a newline, bad and over-long
/// lines reported by number with reading going on after them.
@Suite struct JSONLinesReaderTests {
    static func read(_ bytes: [UInt8], maxLineBytes: Int = 1 << 20) throws -> [Result<Int, CSVSourceError>] {
        let url = try BespokeFiles.write(bytes, name: "in.jsonl")
        let reader = try JSONLinesReader(path: url.path, maxLineBytes: maxLineBytes, name: "in.jsonl")
        var results: [Result<Int, CSVSourceError>] = []
        while true {
            do {
                guard let record = try reader.next() else { break }
                results.append(.success(record.line))
            } catch let error as CSVSourceError {
                results.append(.failure(error))
            }
        }
        return results
    }

    @Test func bomCRLFBlankLinesAndNoFinalNewline() throws {
        let text = "{\"a\":1}\r\n\r\n  \n{\"a\":2}\r\n{\"a\":3}"
        let results = try Self.read([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(results.map { try? $0.get() } == [1, 4, 5])
    }

    @Test func badAndOverlongLinesAreNamedAndReadingGoesOn() throws {
        let long = "{\"a\":\"" + String(repeating: "x", count: 5000) + "\"}"
        let text = "{\"a\":1}\n[1,2]\n{\"a\":\n" + long + "\n{\"a\":5}\n"
        let results = try Self.read(Array(text.utf8), maxLineBytes: 1000)
        #expect(results.count == 5)
        #expect(try results[0].get() == 1)
        #expect(results[1].failureDescription == "in.jsonl: row 2: not a JSON object")
        #expect(results[2].failureDescription?.hasPrefix("in.jsonl: row 3: not JSON:") == true)
        #expect(results[3].failureDescription == "in.jsonl: row 4: line longer than 1000 bytes")
        #expect(try results[4].get() == 5)
    }
}

extension Result where Failure == CSVSourceError {
    var failureDescription: String? {
        if case .failure(let error) = self { return error.description }
        return nil
    }
}
