import Foundation
import TestSupport

/// Writes Pidgin log files the way libpurple's HTML and TXT loggers do (spec §3.2–3.3), in the locale
/// styles the tests need. Stamps are given as written (`08:59:30 PM`, `20:59:30`, `2011-03-02 22:00:00`).
enum PidginLogWriter {
    /// How `%c` (header) and `%x %X` stamps look in a locale.
    enum Style {
        /// glibc en_US: `Fri 04 Mar 2011 08:59:21 PM PST`, stamps `(08:59:30 PM)`.
        case enUS12h
        /// glibc de_DE: `Fr 04 Mär 2011 20:59:21 CET`, stamps `(20:59:30)`.
        case deDE24h
        /// Windows en-US `%c`: `3/4/2011 8:59:21 PM`, stamps `(8:59:30 PM)`.
        case windows
        /// Old Gaim: fixed `%Y-%m-%d %H:%M:%S` header, names without zone.
        case gaim
    }

    static func htmlHeader(with name: String, date: String, account: String, protocolName: String) -> String {
        let title = "Conversation with \(name) at \(date) on \(account) (\(protocolName))"
        return "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=UTF-8\"><title>\(title)</title></head><body><h3>\(title)</h3>\n"
    }

    static func textHeader(with name: String, date: String, account: String, protocolName: String) -> String {
        "Conversation with \(name) at \(date) on \(account) (\(protocolName))\n"
    }

    // HTML logger lines (spec §3.3).
    static func htmlSent(_ t: String, _ from: String, _ msg: String) -> String {
        "<font color=\"#16569E\"><font size=\"2\">(\(t))</font> <b>\(from):</b></font> \(msg)<br/>\n"
    }
    static func htmlReceived(_ t: String, _ from: String, _ msg: String) -> String {
        "<font color=\"#A82F2F\"><font size=\"2\">(\(t))</font> <b>\(from):</b></font> \(msg)<br/>\n"
    }
    static func htmlAction(_ t: String, _ from: String, _ msg: String) -> String {
        "<font color=\"#062585\"><font size=\"2\">(\(t))</font> <b>***\(from)</b></font> \(msg)<br/>\n"
    }
    static func htmlSystem(_ t: String, _ msg: String) -> String { "<font size=\"2\">(\(t))</font><b> \(msg)</b><br/>\n" }
    static func htmlRaw(_ t: String, _ msg: String) -> String { "<font size=\"2\">(\(t))</font> \(msg)<br/>\n" }
    static func htmlError(_ t: String, _ msg: String) -> String {
        "<font color=\"#FF0000\"><font size=\"2\">(\(t))</font><b> \(msg)</b></font><br/>\n"
    }
    static func htmlWhisper(_ t: String, _ from: String, _ msg: String) -> String {
        "<font color=\"#6C2585\"><font size=\"2\">(\(t))</font><b> \(from):</b></font> \(msg)<br/>\n"
    }
    static func htmlAutoReply(_ t: String, _ from: String, _ msg: String, sent: Bool = false) -> String {
        "<font color=\"\(sent ? "#16569E" : "#A82F2F")\"><font size=\"2\">(\(t))</font> <b>\(from) &lt;AUTO-REPLY&gt;:</b></font> \(msg)<br/>\n"
    }
    /// Gaim-era HTML: no `<font size="2">`, upper-case tags.
    static func gaimHTMLReceived(_ t: String, _ from: String, _ msg: String) -> String {
        "<FONT COLOR=\"#A82F2F\">(\(t)) <B>\(from):</B></FONT> \(msg)<BR>\n"
    }

    // TXT logger lines.
    static func text(_ t: String, _ from: String, _ msg: String) -> String { "(\(t)) \(from): \(msg)\n" }
    static func textAction(_ t: String, _ from: String, _ msg: String) -> String { "(\(t)) ***\(from) \(msg)\n" }
    static func textAutoReply(_ t: String, _ from: String, _ msg: String) -> String { "(\(t)) \(from) <AUTO-REPLY>: \(msg)\n" }
    static func textSystem(_ t: String, _ msg: String) -> String { "(\(t)) \(msg)\n" }
    /// libpurple's bug: no newline after a whisper.
    static func textWhisper(_ t: String, _ from: String, _ msg: String) -> String { "(\(t)) *\(from)* \(msg)" }

    /// Writes `files` (path below the tree → contents) into a fresh tree; the caller removes it.
    static func tree(_ files: [String: String]) throws -> URL {
        let root = try TemporaryDirectory.make("pidgin-logs")
        try write(files, at: root)
        return root
    }

    /// Writes `files` below `root` (replacing files of the same path).
    static func write(_ files: [String: String], at root: URL) throws {
        try TemporaryDirectory.writeTree(files.mapValues { Data($0.utf8) }, at: root)
    }
}
