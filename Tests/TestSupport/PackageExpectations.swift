import MattermostImport
import MigrationCore
import Testing

/// The two checks every converter's tests make on a run: the report balances, and the package passes
/// `validate --strict`.
public enum PackageExpectations {
    /// Every message in is a post out (split parts are extra posts) or a reported skip; with `files`, every
    /// file in is an attachment or a reported skip.
    public static func expectBalanced(_ report: MigrationReport, files: Bool = true,
                                      sourceLocation: SourceLocation = #_sourceLocation) {
        let out = report.output
        let parts = report.changedCount("message_part")
        let posts = out.posts + out.replies + out.directPosts + out.directReplies
        #expect(report.input.messages + parts == posts + report.skippedCount("messages"),
                "messages in \(report.input.messages) + parts \(parts) vs posts \(posts) + skipped \(report.skippedCount("messages"))",
                sourceLocation: sourceLocation)
        if files {
            #expect(report.input.files == out.attachments + report.skippedCount("files"), sourceLocation: sourceLocation)
        }
    }

    /// No error and no warning from the strict validator.
    public static func expectValid(_ validation: ValidationReport, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(validation.errors.isEmpty, "\(validation.errors.prefix(5))", sourceLocation: sourceLocation)
        #expect(validation.warnings.isEmpty, "\(validation.warnings.prefix(5))", sourceLocation: sourceLocation)
    }
}
