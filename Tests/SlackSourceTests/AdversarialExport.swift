import Foundation

/// One generated export holding most of what real exports throw at a converter (issue items 1–7):
/// string `created`, `members: null`, empty day files, unknown fields and subtypes, a W-id user, a
/// deleted user, a guest, a bot, users missing from users.json (with and without `user_profile`),
/// non-ASCII and colliding channel names, an archived channel, duplicate and oversized MPIMs, a
/// self-DM, threads across day files, a tombstone root, an orphan reply, broadcast, edits, pins,
/// skin-tone reactions, bot attachments, every system subtype, a huddle, files of every kind, more
/// than 10 files, a message over the length limit, and a message with only rich-text blocks.
enum AdversarialExport {
    static let day1 = 1_700_000_000  // 2023-11-14 22:13:20 UTC
    static let day2 = 1_700_100_000  // 2023-11-16 02:00:00 UTC

    static func ts(_ seconds: Int, _ micros: Int = 0) -> String { String(format: "%d.%06d", seconds, micros) }

    static func build() -> SlackExportBuilder {
        typealias B = SlackExportBuilder
        var export = SlackExportBuilder()
        export["users.json"] = [
            B.user("U1", "alice", email: "alice@corp.example", first: "Alice", last: "Liddell", display: "Ali", title: "Engineer", admin: true),
            B.user("U2", "Bob Smith", first: "Bob", last: "Smith"),
            B.user("U3", "carol", email: "carol@corp.example", deleted: true),
            B.user("U4", "dave", email: "dave@partner.example", guest: true),
            B.user("U5", "github", bot: "B1"),
            B.user("W6", "erin", email: "erin@corp.example"),
        ]
        export["integration_logs.json"] = []
        export["channels.json"] = [
            B.channel("C1", "general", members: ["U1", "U2", "U3", "U4", "W6"], created: "1600000000", topic: "Welcome", purpose: "Everything"),
            B.channel("C2", "café-crème", members: ["U1", "U2"]),
            B.channel("C3", "meetup", members: ["U1"]),
            B.channel("C4", "meetup-", members: ["U2"]),
            B.channel("C5", "old-stuff", members: nil, archived: true),
        ]
        export["groups.json"] = [B.channel("G1", "secret", members: ["U1", "W6"])]
        var bigGroup = ["U1", "U2", "U3", "W6"]
        bigGroup += (1...6).map { "X\($0)" }
        export["mpims.json"] = [
            ["id": "M1", "name": "mpdm-alice--bob--erin-1", "members": ["U1", "U2", "W6"], "created": 1_600_000_000],
            ["id": "M2", "name": "mpdm-alice--bob--erin-2", "members": ["W6", "U2", "U1"], "created": 1_600_000_000],
            ["id": "M3", "name": "mpdm-big-1", "members": bigGroup, "created": 1_600_000_000],
        ]
        export["dms.json"] = [
            ["id": "D1", "members": ["U1", "U2"], "created": 1],
            ["id": "D2", "members": ["U1", "U1"], "created": 1],
        ]

        let file: (String, String) -> [String: Any] = { id, name in
            ["id": id, "name": name, "title": name, "mode": "hosted", "size": 5,
             "url_private_download": "https://files.slack.com/files-pri/T1-\(id)/download/\(name)?t=xoxe-secret-token"]
        }
        var spill: [[String: Any]] = []
        for index in 1...12 {
            let id = "FS\(index)"
            spill.append(file(id, "part\(index).txt"))
            export["__uploads/\(id)/part\(index).txt"] = "part \(index)"
        }
        export["__uploads/F1/見積書.pdf"] = "%PDF-1.4 quote"
        export["general/attachments/F7-notes.txt"] = "slackdump standard attachment"
        let longText = String(repeating: "lorem ipsum ", count: 1_500)  // 18,000 characters

        export["general/2023-11-14.json"] = [
            B.message("U2", "<@U2> has joined the channel", ts: ts(day1), extra: ["subtype": "channel_join"]),
            B.message("U1", "hello <@U2>, see <#C2|café-crème> *bold* `code *x* &lt;tag&gt;` &amp; more", ts: ts(day1, 100), extra: [
                "thread_ts": ts(day1, 100), "reply_count": 2, "latest_reply": ts(day2, 200),
                "reactions": [["name": "thumbsup::skin-tone-2", "users": ["U2"], "count": 1],
                              ["name": "thumbsup", "users": ["U2", "U3"], "count": 2]],
                "pinned_to": ["C1"], "edited": ["user": "U1", "ts": ts(day1 + 60)],
                "unknown_field": ["nested": [1, 2, 3]],
            ]),
            B.message(nil, "This message was deleted.", ts: ts(day1, 200), extra: ["subtype": "tombstone", "thread_ts": ts(day1, 200)]),
            B.message("U2", "reply to a deleted root", ts: ts(day1 + 5), extra: ["thread_ts": ts(day1, 200), "parent_user_id": "U1"]),
            B.message(nil, "", ts: ts(day1 + 10), extra: [
                "subtype": "bot_message", "bot_id": "B1", "username": "GitHub Bot",
                "attachments": [["fallback": "build *passed*", "text": "*x* &lt;y&gt; <@U1>", "color": "36a64f",
                                 "fields": [["title": "Branch", "value": "`main`", "short": true]], "id": 1]],
            ]),
            B.message("U1", "waves", ts: ts(day1 + 20), extra: ["subtype": "me_message"]),
            B.message("U1", "<@U1> set the channel topic: New topic", ts: ts(day1 + 30), extra: ["subtype": "channel_topic", "topic": "New topic"]),
            B.message("U1", "<@U1> set the channel purpose: Stuff", ts: ts(day1 + 31), extra: ["subtype": "channel_purpose", "purpose": "Stuff"]),
            B.message("U1", "<@U1> renamed the channel", ts: ts(day1 + 32), extra: ["subtype": "channel_name", "name": "general", "old_name": "lobby"]),
            B.message("U2", "<@U2> has left the channel", ts: ts(day1 + 33), extra: ["subtype": "channel_leave"]),
            B.message("U1", "", ts: ts(day1 + 40), extra: ["subtype": "huddle_thread",
                "room": ["id": "R1", "created_by": "U1", "date_start": day1 + 40, "date_end": day1 + 400, "participants": ["U1", "U2"]]]),
            B.message("U1", "something new", ts: ts(day1 + 50), extra: ["subtype": "weird_new_thing"]),
            B.message("U99", "I left the company", ts: ts(day1 + 60), extra: ["user_profile": ["name": "zed", "real_name": "Zed Zulu"]]),
            B.message("U98", "no profile for me", ts: ts(day1 + 61)),
            B.message("U1", "files of every kind", ts: ts(day1 + 70), extra: ["subtype": "file_share", "files": [
                file("F1", "見積書.pdf"),
                ["id": "F2", "mode": "tombstone"],
                ["id": "F3", "mode": "hidden_by_limit", "name": "old.png"],
                ["id": "F4", "file_access": "access_denied"],
                file("F5", "missing.bin"),
                ["id": "F6", "mode": "external", "name": "Plan", "title": "Plan", "is_external": true,
                 "permalink": "https://docs.example.com/plan"],
                file("F7", "notes.txt"),
            ]]),
            B.message("U1", "twelve files", ts: ts(day1 + 80), extra: ["files": spill]),
            B.message("U2", "", ts: ts(day1 + 90), extra: ["subtype": "file_comment",
                "comment": ["user": "U2", "comment": "nice *file*"]]),
            B.message("U1", longText, ts: ts(day1 + 100)),
            B.message("U4", "guest says hi", ts: ts(day1 + 110)),
            B.message("U1", "added an integration", ts: ts(day1 + 120), extra: ["subtype": "bot_add", "bot_id": "B1"]),
            B.message("USLACKBOT", "Reminder: standup", ts: ts(day1 + 130)),
        ]
        export["general/2023-11-15.json"] = ""
        export["general/2023-11-16.json"] = [
            B.message("U2", "reply on the next day", ts: ts(day2, 100), extra: ["thread_ts": ts(day1, 100)]),
            B.message("W6", "broadcast reply", ts: ts(day2, 200), extra: ["thread_ts": ts(day1, 100), "subtype": "thread_broadcast"]),
            B.message("U2", "reply whose root is outside the export", ts: ts(day2, 300), extra: ["thread_ts": ts(day1 - 86_400)]),
            B.message("U1", "", ts: ts(day2, 400), extra: ["blocks": [["type": "rich_text", "elements": [
                ["type": "rich_text_section", "elements": [["type": "text", "text": "from blocks "],
                                                           ["type": "text", "text": "only", "style": ["bold": true]],
                                                           ["type": "user", "user_id": "U2"]]],
            ]]]]),
            B.message("U1", "same millisecond A", ts: ts(day2 + 10, 100)),
            B.message("U2", "same millisecond B", ts: ts(day2 + 10, 400)),
        ]
        export["general/2023-11-17.json"] = "[]"
        export["café-crème/2023-11-14.json"] = [B.message("U1", "bonjour <#C1> et <#C3>", ts: ts(day1 + 1))]
        export["meetup/2023-11-14.json"] = [B.message("U1", "meetup one", ts: ts(day1 + 2))]
        export["meetup-/2023-11-14.json"] = [B.message("U2", "meetup two", ts: ts(day1 + 3))]
        export["old-stuff/2023-11-14.json"] = [B.message("U1", "archived talk", ts: ts(day1 + 4))]
        export["secret/2023-11-14.json"] = [B.message("W6", "private things", ts: ts(day1 + 5))]
        export["mpdm-alice--bob--erin-1/2023-11-14.json"] = [B.message("U1", "group one", ts: ts(day1 + 6))]
        export["mpdm-alice--bob--erin-2/2023-11-14.json"] = [B.message("U2", "group two (same members)", ts: ts(day1 + 7))]
        export["mpdm-big-1/2023-11-14.json"] = [B.message("U1", "ten people", ts: ts(day1 + 8))]
        export["D1/2023-11-14.json"] = [B.message("U1", "hi bob", ts: ts(day1 + 9)),
                                        B.message("U2", "hi alice", ts: ts(day1 + 10), extra: ["thread_ts": ts(day1 + 9)])]
        export["D2/2023-11-14.json"] = [B.message("U1", "note to self", ts: ts(day1 + 11))]
        export["ghost/2023-11-14.json"] = [B.message("U1", "folder nobody lists", ts: ts(day1 + 12))]
        return export
    }
}
