import Foundation
import HipChatSource
import TestSupport
import Testing

/// Hostile and broken input: names escaping the archive, malformed histories (one line without
/// `--lenient`, a reported skip with it), a file that is not an export.
@Suite struct HipChatHostileInputTests {
    @Test(.enabled(if: ExternalTool.exists("python3")))
    func escapingTarNamesAreReportedNotRead() throws {
        let directory = try TemporaryDirectory.make("hipchat-hostile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = try HipChatExportBuilder.folder(HipChatExportBuilder.layoutA(), in: directory)
        let tar = directory.appendingPathComponent("hostile.tar")
        // tar itself refuses to write such names; Python's tarfile writes them as given.
        let script = """
            import tarfile, io, os, sys
            root, out = sys.argv[1], sys.argv[2]
            with tarfile.open(out, "w") as t:
                for evil in ["../evil.txt", "/abs.txt", "__MACOSX/._users.json"]:
                    info = tarfile.TarInfo(evil); data = b"evil"; info.size = len(data); t.addfile(info, io.BytesIO(data))
                for base, dirs, files in sorted(os.walk(root)):
                    for name in sorted(files):
                        path = os.path.join(base, name); t.add(path, arcname=os.path.relpath(path, root))
            """
        let result = try ExternalTool.run("python3", ["-c", script, folder.path, tar.path])
        #expect(result.status == 0, "\(result.output)")
        let run = try HipChatRun.convert(tar)
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        let unsafe = run.report.skipped.first { $0.kind == "export_entry" && $0.reason.hasPrefix("path escapes") }
        #expect(unsafe?.count == 3)
        #expect(!FileManager.default.fileExists(atPath: directory.deletingLastPathComponent().appendingPathComponent("evil.txt").path))
    }

    @Test func malformedHistoryIsOneLineOrALenientSkip() throws {
        let directory = try TemporaryDirectory.make("hipchat-malformed")
        defer { try? FileManager.default.removeItem(at: directory) }
        var files = HipChatExportBuilder.layoutA()
        files["rooms/12/history.json"] = Data(#"[{"UserMessage":{"id":"z","message":"cut"#.utf8)
        let folder = try HipChatExportBuilder.folder(files, in: directory)
        let output = directory.appendingPathComponent("out.zip")
        #expect {
            _ = try HipChatRun.convert(folder, output: output)
        } throws: { error in
            let line = "\(error)"
            return line.hasPrefix("export: rooms/12/history.json: ") && line.contains("at byte") && !line.contains("\n")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let lenient = try HipChatRun.convert(folder, options: { $0.lenient = true })
        defer { lenient.remove() }
        lenient.expectValid()
        lenient.expectBalanced()
        #expect(lenient.report.skipped.contains { $0.kind == "history_file" && $0.items.first?.hasPrefix("rooms/12/history.json byte") == true })
    }

    @Test func aFileThatIsNotAnExportIsOneLine() throws {
        let directory = try TemporaryDirectory.make("hipchat-notexport")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("notes.txt")
        try Data(String(repeating: "just text\n", count: 200).utf8).write(to: file)
        #expect(throws: HipChatError.self) { _ = try HipChatRun.convert(file) }
        let empty = try HipChatExportBuilder.folder(["readme.txt": Data("hi".utf8)], in: directory, name: "empty")
        #expect {
            _ = try HipChatRun.convert(empty)
        } throws: { error in
            "\(error)" == "empty: wrong password or not a HipChat export (no users.json or rooms.json inside)"
        }
    }
}
