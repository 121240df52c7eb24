import SourceToolkit
import Testing

/// HTML bodies of integration posts to Markdown.
@Suite struct HTMLToMarkdownTests {
    @Test(arguments: [
        ("<b>Build</b> <i>ok</i> <strike>x</strike>", "**Build** _ok_ ~~x~~"),
        ("<a href=\"https://e.com/?a=1&amp;b=2\">link</a>", "[link](https://e.com/?a=1&b=2)"),
        ("line<br/>next<p>para</p>", "line\nnext\n\npara"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("<pre>let x = 1</pre>", "```\nlet x = 1\n```"),
        ("a &lt; b &#38; c &#x263A; &bogus; 3 < 4", "a < b & c ☺ &bogus; 3 < 4"),
        ("<code>x</code> <unknown attr=1>kept</unknown>", "`x` kept"),
    ])
    func converts(_ html: String, _ markdown: String) {
        #expect(HTMLToMarkdown.convert(html).text == markdown)
    }
}
