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
