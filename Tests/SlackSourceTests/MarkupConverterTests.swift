import Foundation
import SourceToolkit
import Testing
@testable import SlackSource

private let resolver = FixedNameResolver(users: ["U1": "alice", "W2": "bob.smith"], channels: ["C1": "general", "C9": "cafe"])
private func convert(_ text: String) -> String { SlackMarkupConverter(resolver: resolver).convert(text) }

@Suite struct MarkupConverterTests {
    @Test func mentionsUseFinalNames() {
        #expect(convert("hi <@U1> and <@W2|bob>") == "hi @alice and @bob.smith")
        #expect(convert("see <#C9|café> or <#C404|gone>") == "see ~cafe or #gone")
        #expect(convert("<!here> <!channel> <!everyone> <!here|here>") == "@here @channel @all @here")
        #expect(convert("ping <!subteam^S123|@devs> and <!subteam^S9>") == "ping @devs and @S9")
        #expect(convert("due <!date^1392734382^{date_short}|Feb 18, 2014>") == "due Feb 18, 2014")
    }

    @Test func links() {
        #expect(convert("<https://example.com|Example> and <https://x.org>") == "[Example](https://example.com) and https://x.org")
        #expect(convert("<mailto:a@b.com|a@b.com>") == "a@b.com")
        #expect(convert("<mailto:a@b.com|write us>") == "[write us](mailto:a@b.com)")
        #expect(convert("<https://e.com/?a=1&amp;b=2|q&amp;a>") == "[q&a](https://e.com/?a=1&b=2)")
        #expect(convert("<https://e.com/a_(b)|x [y]>") == "[x \\[y\\]](<https://e.com/a_(b)>)")
        #expect(convert("a < b > c") == "a < b > c")
    }

    @Test func entitiesDecodedInsideAndOutsideCode() {
        #expect(convert("a &lt; b &amp;&amp; c &gt; d") == "a < b && c > d")
        #expect(convert("`x &lt;- y &amp;&amp; *z*`") == "`x <- y && *z*`")
        #expect(convert("&amp;copy; stays") == "&amp;copy; stays")
        #expect(convert("&gt; quoted\nnot") == "> quoted\nnot")
    }

    @Test func boldAndStrikeOutsideCodeOnly() {
        #expect(convert("*bold* and ~gone~ and _it_") == "**bold** and ~~gone~~ and _it_")
        #expect(convert("2*3*4 and a * b * c") == "2*3*4 and a * b * c")
        #expect(convert("*<https://e.com|link>*") == "**[link](https://e.com)**")
        #expect(convert("```\n*not bold* <@U1>\n```") == "```\n*not bold* @alice\n```")
        #expect(convert("*a*") == "**a**")
        #expect(convert("*open\nclose*") == "*open\nclose*")
    }

    @Test func fencesGluedToTextAreFixed() {
        #expect(convert("look:```let x = 1```done") == "look:\n```\nlet x = 1\n```\ndone")
        #expect(convert("```a\nb```") == "```\na\nb\n```")
        #expect(convert("unclosed ``` fence") == "unclosed ``` fence")
    }

    @Test func quotesAndHeadings() {
        #expect(convert("&gt;&gt;&gt;one\ntwo") == "> one\n> two")
        #expect(convert("# not a heading\n#hashtag") == "\\# not a heading\n#hashtag")
    }

    @Test func plainTextIsReturnedUnchanged() {
        let text = "Just a normal message, with punctuation! 日本語"
        #expect(convert(text) == text)
    }

    @Test func timestamps() {
        #expect(SlackTimestamp.milliseconds("1452837318.000200") == 1_452_837_318_000)
        #expect(SlackTimestamp.milliseconds("1452837318.123456") == 1_452_837_318_123)
        #expect(SlackTimestamp.milliseconds("1452837318.5") == 1_452_837_318_500)
        #expect(SlackTimestamp.milliseconds("1452837318") == 1_452_837_318_000)
        #expect(SlackTimestamp.milliseconds("abc") == nil)
        #expect(UTCDay.startMillis("2016-01-14") == 1_452_729_600_000)
        #expect(UTCDay.startMillis("2016-13-01") == nil)
    }
}

@Suite struct MarkupEdgeTests {
    @Test func emphasisAroundInlineCode() {
        #expect(convert("*see `x` here*") == "**see `x` here**")
        #expect(convert(" ~_*<https://z.org|a >`code`*_~") == " ~~_**[a ](https://z.org)`code`**_~~")
    }
}
