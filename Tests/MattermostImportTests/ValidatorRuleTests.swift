import Testing
@testable import MattermostImport

@Suite("Validator rules")
struct ValidatorRuleTests {
    @Test("the prelude all rule cases build on is clean")
    func preludeIsClean() {
        let report = PackageValidator().validate(jsonlLines: ValidatorFixture.prelude)
        #expect(report.errors == [])
        #expect(report.warnings == [])
        #expect(report.counts.teams == 1 && report.counts.channels == 1 && report.counts.users == 2)
    }

    @Test("each rule reports its exact id on the failing line", arguments: ValidatorRuleCases.all)
    func ruleReportsItsID(_ rule: ValidatorRuleCase) {
        let lines = (rule.withPrelude ? ValidatorFixture.prelude : []) + rule.lines
        let report = PackageValidator().validate(jsonlLines: lines)
        let findings = rule.severity == .error ? report.errors : report.warnings
        let expectedLine = rule.atLine ?? max(lines.count, 1)
        #expect(findings.contains { $0.id == rule.id && $0.line == expectedLine },
                "expected \(rule.id) on line \(expectedLine); errors: \(report.errors), warnings: \(report.warnings)")
        if rule.severity == .warning {
            let strict = PackageValidator(options: ValidationOptions(strict: true)).validate(jsonlLines: lines)
            #expect(strict.errors.contains { $0.id == rule.id }, "strict mode must turn \(rule.id) into an error")
        }
    }

    @Test("there are well over 80 rule cases")
    func ruleCaseCount() {
        #expect(ValidatorRuleCases.all.count > 150)
        #expect(Set(ValidatorRuleCases.all.map(\.id)).count > 120)
    }
}

@Suite("Validator post fields")
struct ValidatorPostFieldTests {
    private func check(_ posts: [String]) -> ValidationReport {
        PackageValidator().validate(jsonlLines: ValidatorFixture.prelude + posts)
    }

    @Test("a post's fields are read like Go reads them: the last of a repeated key wins, null is absent")
    func lastKeyWinsAndNullIsAbsent() {
        let nulledUser = check([#"{"type":"post","post":{"team":"acme","channel":"general","user":"alice","user":null,"message":"m","create_at":1}}"#])
        #expect(nulledUser.errors.map(\.id) == [ImportErrorID.post("user_missing")])
        let laterUser = check([#"{"type":"post","post":{"team":"acme","channel":"general","user":null,"user":"alice","message":"m","create_at":1}}"#])
        #expect(laterUser.errors == [])
        let laterUnknownUser = check([#"{"type":"post","post":{"team":"acme","channel":"general","user":"alice","user":"zed","message":"m","create_at":1}}"#])
        #expect(laterUnknownUser.errors.map(\.id) == [ImportErrorID.usersNotFound])
        let nulledReplies = check([#"{"type":"post","post":{"team":"acme","channel":"general","user":"alice","message":"m","create_at":1,"replies":[{"user":"zed","message":"r","create_at":2}],"replies":null}}"#])
        #expect(nulledReplies.errors == [] && nulledReplies.counts.replies == 0)
        let nestedReply = check([#"{"type":"post","post":{"team":"acme","channel":"general","user":"alice","message":"m","create_at":5,"replies":[{"user":"bob","message":"r","create_at":6,"reactions":[{"user":"zed","emoji_name":"x","create_at":7}],"flagged_by":["zed"]}]}}"#])
        #expect(nestedReply.errors.map(\.id).sorted() == [ImportErrorID.reactionUserNotFound, ImportErrorID.usersNotFound].sorted())
        #expect(nestedReply.counts.replies == 1 && nestedReply.counts.reactions == 1)
    }

    @Test("a channel remembered from the post before gives the same findings as a first lookup")
    func rememberedChannelKeepsFindings() {
        let post = { (channel: String, createAt: Int) in
            #"{"type":"post","post":{"team":"acme","channel":"\#(channel)","user":"alice","message":"m","create_at":\#(createAt)}}"#
        }
        let report = check([post("general", 1), post("general", 2), post("nowhere", 3), post("general", 4),
                            post("General", 5), post("General", 6), post("general", 6)])
        let first = ValidatorFixture.prelude.count + 1
        #expect(report.errors.map(\.line) == [first + 2])
        #expect(report.errors.map(\.id) == [ImportErrorID.postChannelNotFound])
        // Upper case is warned about on every post naming it, and both spellings are one channel.
        #expect(report.warnings.filter { $0.id == ImportErrorID.upperCaseName }.map(\.line) == [first + 4, first + 5])
        #expect(report.warnings.filter { $0.id == ImportErrorID.duplicateCreateAt }.map(\.line) == [first + 6])
    }
}
