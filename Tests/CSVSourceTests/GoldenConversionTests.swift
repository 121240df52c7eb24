import Foundation
import MattermostImport
import Testing
import SourceToolkit
@testable import CSVSource

/// Whole conversions compared with committed JSONL (Golden/, read by eye): Slack's CSV layout, the
/// bundled mapped CSV and JSON Lines examples; every package strictly valid, counts balanced, and two
/// runs byte-identical.
@Suite struct GoldenConversionTests {
    static func exampleOptions(_ format: BespokeFormat, _ file: String) throws -> BespokeOptions {
        BespokeOptions(format: format, files: [BespokeFiles.example(file)], teamName: "Example",
                       mapping: try MappingLoader.load(BespokeFiles.example("mapping.yaml")),
                       usersFile: BespokeFiles.example("users.csv"), channelsFile: BespokeFiles.example("channels.csv"))
    }

    /// Slack's own example rows (its help page's `"1357559471","random","myles",…` shape): no header,
    /// `\"` escapes, a newline inside quotes; the texts come out exactly as written.
    @Test func slackExampleRowsConvertUnchanged() throws {
        let csv = #"""
            "1357559471","random","myles","Hello, world!"
            "1357559473","random","peter","Escaped \"quotes\" and a comma, fine"
            "1357559475","general","myles","Two
            lines"

            """#
        let file = try BespokeFiles.write(csv, name: "slack.csv")
        let result = try Conversion.run(BespokeOptions(format: .csv, files: [file], teamName: "slack"))
        result.expectValid()
        result.expectBalanced()
        #expect(result.messages == ["Hello, world!", #"Escaped "quotes" and a comma, fine"#, "Two\nlines"])
        try Golden.compare(result.jsonl, "slack-example-rows.jsonl")
    }

    /// The extension columns: thread parent ts, attachment path, DM flag, DM members.
    @Test func slackLayoutExtensionColumns() throws {
        let result = try Conversion.run(BespokeOptions(format: .csv, files: [BespokeFiles.example("slack-layout.csv")], teamName: "slack"))
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.output.replies == 1)
        #expect(result.report.output.directPosts == 1)
        #expect(result.report.output.attachments == 1)
        try Golden.compare(result.jsonl, "slack-layout.jsonl")
    }

    @Test func mappedCSVExample() throws {
        let result = try Conversion.run(try Self.exampleOptions(.csv, "messages.csv"))
        result.expectValid()
        result.expectBalanced()
        try Golden.compare(result.jsonl, "example-csv.jsonl")
    }

    /// The JSON Lines example holds the same messages as the CSV one: the same package comes out, but
    /// for the attachment's folder, named after the row (line 3 here, row 4 in the CSV).
    @Test func jsonLinesExampleMatchesTheCSVOne() throws {
        let jsonl = try Conversion.run(try Self.exampleOptions(.jsonl, "messages.jsonl"))
        jsonl.expectValid()
        jsonl.expectBalanced()
        let csv = try Conversion.run(try Self.exampleOptions(.csv, "messages.csv"))
        #expect(jsonl.jsonl.replacingOccurrences(of: "f0-3-1/", with: "f0-4-1/") == csv.jsonl)
        try Golden.compare(jsonl.jsonl, "example-jsonl.jsonl")
    }

    @Test func twoRunsAreByteIdentical() throws {
        for (format, file) in [(BespokeFormat.csv, "messages.csv"), (.jsonl, "messages.jsonl")] {
            let first = try Conversion.run(try Self.exampleOptions(format, file))
            let second = try Conversion.run(try Self.exampleOptions(format, file))
            #expect(first.packageBytes == second.packageBytes, "\(file)")
        }
        let slack = BespokeOptions(format: .csv, files: [BespokeFiles.example("slack-layout.csv")], teamName: "slack")
        #expect(try Conversion.run(slack).packageBytes == Conversion.run(slack).packageBytes)
    }

    /// Each quoting variant of the same rows (BOM, CRLF, `;`, tab, given or detected) gives the package
    /// of the plain comma-separated file.
    @Test(arguments: [
        ("BOM", "\u{FEFF}", ",", "\n", nil as CSVDialect.Delimiter?),
        ("CRLF", "", ",", "\r\n", nil),
        ("semicolon detected", "", ";", "\n", nil),
        ("semicolon given", "", ";", "\n", .semicolon),
        ("tab detected", "", "\t", "\n", nil),
        ("tab given, BOM and CRLF", "\u{FEFF}", "\t", "\r\n", .tab),
    ])
    func quotingVariantsGiveTheSamePackage(_ name: String, _ bom: String, _ separator: String, _ newline: String,
                                           _ given: CSVDialect.Delimiter?) throws {
        // The text holds the variant's separator, a comma, doubled quotes and a line end.
        func file(_ bom: String, _ sep: String, _ nl: String) throws -> URL {
            let rows = [["id", "sent", "room", "author", "body"],
                        ["1", "1709283600", "town-square", "alice", "\"Hello\(separator), \"\"world\"\"\(nl)second line\""],
                        ["2", "1709283660", "town-square", "bob", "plain"]]
            return try BespokeFiles.write(bom + rows.map { $0.joined(separator: sep) }.joined(separator: nl) + nl, name: "rows.csv")
        }
        let mapping = try MappingLoader.parse("fields: {message_id: id, timestamp: sent, channel: room, user: author, text: body}\n")
        let reference = try Conversion.run(BespokeOptions(format: .csv, files: [file("", ",", "\n")], teamName: "t", mapping: mapping))
        let variant = try Conversion.run(BespokeOptions(format: .csv, files: [file(bom, separator, newline)], teamName: "t",
                                                        mapping: mapping, delimiter: given))
        variant.expectValid()
        variant.expectBalanced()
        // The embedded line end is kept as written (CRLF inside quotes stays CRLF).
        let expectedText = "Hello\(separator), \"world\"\(newline)second line"
        #expect(variant.messages == [expectedText, "plain"], "\(name)")
        if newline == "\n" { #expect(variant.jsonl == reference.jsonl, "\(name)") }
    }
}
