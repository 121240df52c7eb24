import Foundation
import Testing
@testable import MattermostImport

/// Garbage in must give findings (or an input error), never a crash.
@Suite("Validator robustness")
struct ValidatorRobustnessTests {
    /// Deterministic generator so a failure can be replayed.
    struct Mixer: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("random bytes and mutated packages only ever produce findings")
    func mutations() {
        var random = Mixer(state: 7)
        let original = ValidatorFixture.specExample.jsonlBytes
        let validator = PackageValidator(options: ValidationOptions(strict: true))
        for round in 0..<300 {
            var bytes: [UInt8]
            if round < 50 {
                bytes = (0..<Int.random(in: 0...2_000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            } else {
                bytes = original
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    let at = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(Array("{}[]\",:0\\\n".utf8).randomElement(using: &random)!, at: at)
                    }
                }
            }
            let report = validator.validate(jsonl: bytes)
            if round < 50 && !bytes.isEmpty { #expect(!report.isValid, "random bytes must not validate") }
            for finding in report.errors + report.warnings {
                #expect(!finding.id.isEmpty && !finding.message.isEmpty && !finding.message.contains("\n"))
            }
        }
    }

    @Test("random bytes named .zip or .jsonl are an input error or findings")
    func randomFiles() throws {
        let dir = try ValidatorTempDirectory()
        var random = Mixer(state: 11)
        let bytes = (0..<10_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let zip = try dir.file("random.zip", bytes: bytes)
        #expect(throws: ValidationInputError.self) { try PackageValidator().validate(packageAt: zip) }
        do { _ = try PackageValidator().validate(packageAt: zip) } catch {
            #expect(error.description.contains("random.zip is not a readable zip"))
        }
        let jsonl = try dir.file("random.jsonl", bytes: bytes)
        let report = try PackageValidator().validate(packageAt: jsonl)
        #expect(report.errorIDs.allSatisfy { $0 == ImportErrorID.jsonDecode })
        #expect(!report.isValid)
        let fake = try dir.file("fake.zip", bytes: [0x50, 0x4B, 0x03, 0x04] + bytes)
        #expect(throws: ValidationInputError.self) { try PackageValidator().validate(packageAt: fake) }
    }
}

@Suite("Validator create_at index")
struct ValidatorCreateAtIndexTests {
    @Test("collisions are found exactly within the window, with the first line")
    func exactWithinWindow() {
        var index = CreateAtIndex()
        for i in 0..<100_000 { #expect(index.claim(channel: UInt32(i % 7), createAt: Int64(i), line: i + 1) == nil) }
        #expect(index.claim(channel: 3, createAt: 3, line: 200_000) == 4)
        #expect(index.claim(channel: 4, createAt: 3, line: 200_001) == nil)
    }

    @Test("past the window memory stays bounded and recent collisions are still found")
    func windowed() {
        var index = CreateAtIndex()
        let perTable = CreateAtIndex.maxSlots * 3 / 4
        for i in 0..<(perTable * 2 + 10) { _ = index.claim(channel: 1, createAt: Int64(i), line: i + 1) }
        #expect(index.claim(channel: 1, createAt: Int64(perTable * 2 + 5), line: 1) == perTable * 2 + 6)
        #expect(index.claim(channel: 1, createAt: Int64(perTable + 5), line: 1) == perTable + 6)
    }
}
