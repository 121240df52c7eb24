import Foundation
import HipChatSource
import TestSupport
import Testing

/// Encrypted and packed exports made by the real `tar` and `openssl enc` CLIs: both key derivations
/// decrypt and convert to the same package as the folder; a wrong password and a truncated file each
/// give one line and write nothing; two runs are byte-identical.
@Suite(.enabled(if: ExternalTool.exists("openssl") && ExternalTool.exists("tar")))
struct HipChatEncryptedExportTests {
    /// Writes layout A as a folder, `.tar`, `.tar.gz` and `.tar.gz.aes` under both digests.
    struct Packed {
        var directory: URL
        var folder: URL
        var tar: URL
        var tarGz: URL
        var md5: URL
        var sha256: URL

        init() throws {
            directory = try TemporaryDirectory.make("hipchat-packed")
            folder = try HipChatExportBuilder.folder(HipChatExportBuilder.layoutA(), in: directory)
            tar = try HipChatExportBuilder.tar(folder, to: directory.appendingPathComponent("export.tar"), gzip: false)
            tarGz = try HipChatExportBuilder.tar(folder, to: directory.appendingPathComponent("export.tar.gz"), gzip: true)
            md5 = try HipChatExportBuilder.encrypt(tarGz, to: directory.appendingPathComponent("export-md5.tar.gz.aes"), digest: "md5")
            sha256 = try HipChatExportBuilder.encrypt(tarGz, to: directory.appendingPathComponent("export-sha256.tar.gz.aes"), digest: "sha256")
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test func bothKeyDerivationsAndEveryPackingConvertAlike() throws {
        let packed = try Packed()
        defer { packed.remove() }
        let reference = try HipChatRun.convert(packed.folder)
        defer { reference.remove() }
        for export in [packed.tar, packed.tarGz, packed.md5, packed.sha256] {
            let run = try HipChatRun.convert(export)
            defer { run.remove() }
            run.expectValid()
            run.expectBalanced()
            // Same content as the folder (the order of lines follows the staging store, not the archive).
            #expect(run.lines.sorted() == reference.lines.sorted(), "\(export.lastPathComponent)")
            #expect(run.report.output.attachments == reference.report.output.attachments)
            #expect(run.objects("emoji").count == 1)
        }
    }

    /// The export is read in one pass: histories that come before `users.json` and `rooms.json` in the
    /// stream wait (encrypted) in a spool and convert as they do from the folder.
    @Test func historiesBeforeTheListsInTheStreamConvertAlike() throws {
        let packed = try Packed()
        defer { packed.remove() }
        let names = try FileManager.default.contentsOfDirectory(atPath: packed.folder.path).sorted { first, second in
            (first.hasSuffix(".json") ? 1 : 0, first) < (second.hasSuffix(".json") ? 1 : 0, second)
        }
        #expect(names.last?.hasSuffix(".json") == true && names.first?.hasSuffix(".json") == false)
        let tarGz = packed.directory.appendingPathComponent("lists-last.tar.gz")
        let packing = try ExternalTool.run("tar", ["czf", tarGz.path, "-C", packed.folder.path] + names)
        try #require(packing.status == 0, "\(packing.output)")
        let encrypted = try HipChatExportBuilder.encrypt(tarGz, to: packed.directory.appendingPathComponent("lists-last.tar.gz.aes"), digest: "md5")
        let reference = try HipChatRun.convert(packed.folder)
        defer { reference.remove() }
        let run = try HipChatRun.convert(encrypted)
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.report.input.messages == reference.report.input.messages && run.report.input.messages > 5)
        #expect(run.lines.sorted() == reference.lines.sorted())
    }

    @Test func twoRunsAreByteIdentical() throws {
        let packed = try Packed()
        defer { packed.remove() }
        let first = try HipChatRun.convert(packed.md5)
        defer { first.remove() }
        let second = try HipChatRun.convert(packed.md5)
        defer { second.remove() }
        #expect(try Data(contentsOf: first.package) == Data(contentsOf: second.package))
    }

    @Test func wrongPasswordIsOneLineAndWritesNothing() throws {
        let packed = try Packed()
        defer { packed.remove() }
        let output = packed.directory.appendingPathComponent("out.zip")
        for export in [packed.md5, packed.sha256] {
            #expect {
                _ = try HipChatRun.convert(export, password: "not it", output: output)
            } throws: { error in
                "\(error)" == "\(export.lastPathComponent): wrong password or not a HipChat export"
            }
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
        #expect(throws: HipChatError.self) { _ = try HipChatRun.convert(packed.md5, password: nil, output: output) }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test(arguments: [1, 16, 200])
    func truncatedFileIsOneLineAndWritesNothing(_ cut: Int) throws {
        let packed = try Packed()
        defer { packed.remove() }
        let data = try Data(contentsOf: packed.md5)
        let truncated = packed.directory.appendingPathComponent("cut.tar.gz.aes")
        try data.prefix(max(data.count - cut, 32)).write(to: truncated)
        let output = packed.directory.appendingPathComponent("out.zip")
        #expect {
            _ = try HipChatRun.convert(truncated, output: output)
        } throws: { error in
            let line = "\(error)"
            return line.hasPrefix("cut.tar.gz.aes: ") && !line.contains("\n")
                && (line.contains("truncated") || line.contains("damaged"))
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func truncatedPlainTarIsOneLine() throws {
        let packed = try Packed()
        defer { packed.remove() }
        let data = try Data(contentsOf: packed.tar)
        let truncated = packed.directory.appendingPathComponent("cut.tar")
        try data.prefix(700).write(to: truncated)
        let output = packed.directory.appendingPathComponent("out.zip")
        #expect {
            _ = try HipChatRun.convert(truncated, output: output)
        } throws: { error in
            "\(error)".hasPrefix("cut.tar: truncated")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func inspectCountsWhatConvertCounts() throws {
        let packed = try Packed()
        defer { packed.remove() }
        let run = try HipChatRun.convert(packed.sha256)
        defer { run.remove() }
        let inspection = try HipChatConversion.inspect(export: packed.sha256, password: { Array(HipChatExportBuilder.password.utf8) })
        #expect(inspection.input.contains("sha256"))
        #expect(inspection.messages == run.report.input.messages)
        #expect(inspection.users == 6 && inspection.rooms == 3 && inspection.guests == 1 && inspection.deactivated == 1)
        #expect(inspection.directConversations == run.report.input.directChannels)
    }
}
