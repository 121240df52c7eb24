import Foundation
import Testing
@testable import MattermostImport

/// A package in the shape Mattermost's own bulk exporter (`mmctl export`) writes: the `info` version
/// line, teams with `allow_open_invite` as stored (mostly false, whatever the type), every channel
/// including town-square/off-topic, users with `auth_service: null`, `delete_at`, notify props and
/// channel memberships with counters, posts with `props`/`edit_at`, replies, reactions, pins, flags
/// and attachments under their storage path, emoji after the posts, then DMs/GMs (a self-DM as two
/// equal members) and their posts with `null` lists. Field names and order follow the exporter's
/// line types (`app/imports/import_types.go`, `app/export_converters.go`).
enum MattermostExportFixture {
    static let attachmentPath = "20240105/teams/t8k3rkzx6if7xbhx6hy6jzdmqa/channels/c5kcqfmoqbr7ufy1mafd9q7o3e/users/u9aeozwsmtg8z84w3y1hmbs9uh/fxz7d6m6bfbrfpn4j3ie3qm9ta/roadmap.pdf"
    static let emojiPath = "exported_emoji/e1qdeqmr4jn8trnqxtjrcdyqbr/image"
    /// A 1×1 PNG: the emoji image check reads the real header.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52,
                               0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0A, 0x49, 0x44,
                               0x41, 0x54, 0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49,
                               0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    static let teams = ["engineering", "support"]
    static let users = ["sysadmin", "alice", "bob", "carol", "dave", "former-employee"]

    private static func channelMembership(_ name: String, favorite: Bool = false, roles: String = "channel_user") -> String {
        #"{"name":"\#(name)","roles":"\#(roles)","notify_props":{"desktop":"default","mobile":"default","mark_unread":"all"},"favorite":\#(favorite),"mention_count":0,"mention_count_root":0,"urgend_mention_count":0,"msg_count":12,"msg_count_root":9,"last_viewed_at":1704470400000}"#
    }

    private static func user(_ name: String, roles: String = "system_user", deleteAt: Int64 = 0, teams: String) -> String {
        #"{"type":"user","user":{"username":"\#(name)","email":"\#(name)@example.com","auth_service":null,"nickname":"","first_name":"\#(name.capitalized)","last_name":"","position":"","roles":"\#(roles)","locale":"en","delete_at":\#(deleteAt),"teams":[\#(teams)],"military_time":"false","link_previews":"true","message_display":"clean","colorize_usernames":"true","channel_display_mode":"full","tutorial_step":"999","notify_props":{"desktop":"mention","desktop_sound":"true","email":"true","mobile":"mention","mobile_push_status":"away","channel":"true","comments":"never","mention_keys":""}}}"#
    }

    private static func team(_ name: String, roles: String = "team_user", channels: [String]) -> String {
        #"{"name":"\#(name)","roles":"\#(roles)","theme":"","channels":[\#(channels.joined(separator: ","))]}"#
    }

    static var lines: [String] {
        var lines = [
            #"{"type":"version","version":1,"info":{"generator":"mattermost-server","version":"9.11.6 (9.11.6, 20240105, abcdef0, enterprise)","created":"2024-01-05T10:00:00.000000000Z"}}"#,
            // Open teams are exported as stored: type "O" with allow_open_invite false is the common case.
            #"{"type":"team","team":{"name":"engineering","display_name":"Engineering","type":"O","description":"","allow_open_invite":false}}"#,
            #"{"type":"team","team":{"name":"support","display_name":"Support","type":"I","description":"Customer support","allow_open_invite":false}}"#,
        ]
        for team in teams {
            lines.append(#"{"type":"channel","channel":{"team":"\#(team)","name":"town-square","display_name":"Town Square","type":"O","header":"","purpose":""}}"#)
            lines.append(#"{"type":"channel","channel":{"team":"\#(team)","name":"off-topic","display_name":"Off-Topic","type":"O","header":"","purpose":""}}"#)
        }
        lines.append(#"{"type":"channel","channel":{"team":"engineering","name":"dev","display_name":"Dev","type":"O","header":"Builds: https://ci.example.com","purpose":"Day-to-day development"}}"#)
        lines.append(#"{"type":"channel","channel":{"team":"engineering","name":"leads","display_name":"Leads","type":"P","header":"","purpose":""}}"#)
        let engineering = ["town-square", "off-topic", "dev"].map { channelMembership($0) }
        lines.append(user("sysadmin", roles: "system_admin system_user", teams: [
            team("engineering", roles: "team_user team_admin", channels: engineering + [channelMembership("leads", favorite: true, roles: "channel_user channel_admin")]),
            team("support", roles: "team_user team_admin", channels: [channelMembership("town-square"), channelMembership("off-topic")]),
        ].joined(separator: ",")))
        for name in ["alice", "bob", "carol"] {
            lines.append(user(name, teams: team("engineering", channels: engineering + (name == "alice" ? [channelMembership("leads")] : []))))
        }
        lines.append(user("dave", teams: team("support", channels: [channelMembership("town-square"), channelMembership("off-topic")])))
        lines.append(user("former-employee", deleteAt: 1_700_000_000_000, teams: team("engineering", channels: [channelMembership("town-square")])))

        lines += [
            #"{"type":"post","post":{"team":"engineering","channel":"town-square","user":"alice","type":"system_join_channel","message":"alice joined the channel.","props":{"username":"alice"},"create_at":1704450000000,"edit_at":0}}"#,
            #"{"type":"post","post":{"team":"engineering","channel":"dev","user":"alice","type":"","message":"Roadmap for Q1 attached :party-parrot:","props":{},"create_at":1704450100000,"edit_at":1704450200000,"flagged_by":["bob"],"reactions":[{"user":"bob","emoji_name":"+1","create_at":1704450150000},{"user":"carol","emoji_name":"party-parrot","create_at":1704450160000}],"replies":[{"user":"bob","type":"","message":"Thanks @alice","create_at":1704450300000,"edit_at":0},{"user":"carol","type":"","message":"Looks good","create_at":1704450400000,"edit_at":0,"reactions":[{"user":"alice","emoji_name":"heart","create_at":1704450500000}]}],"attachments":[{"path":"\#(attachmentPath)"}],"is_pinned":true}}"#,
            #"{"type":"post","post":{"team":"engineering","channel":"dev","user":"former-employee","type":"","message":"Last day today, bye!","props":null,"create_at":1704450600000,"edit_at":0}}"#,
            #"{"type":"post","post":{"team":"engineering","channel":"leads","user":"sysadmin","type":"","message":"Private planning","props":{"disable_group_highlight":true},"create_at":1704450700000,"edit_at":0,"is_pinned":false}}"#,
            #"{"type":"post","post":{"team":"support","channel":"town-square","user":"dave","type":"","message":"Ticket queue is empty 🎉","props":{},"create_at":1704450800000,"edit_at":0}}"#,
            #"{"type":"emoji","emoji":{"name":"party-parrot","image":"\#(emojiPath)"}}"#,
            #"{"type":"direct_channel","direct_channel":{"members":["alice","bob"],"favorited_by":null,"header":""}}"#,
            #"{"type":"direct_channel","direct_channel":{"members":["carol","carol"],"favorited_by":null,"header":""}}"#,
            #"{"type":"direct_channel","direct_channel":{"members":["alice","bob","carol"],"favorited_by":["alice"],"header":"Release crew"}}"#,
            #"{"type":"direct_post","direct_post":{"channel_members":["alice","bob"],"user":"alice","type":"","message":"lunch?","props":null,"create_at":1704450900000,"edit_at":0,"flagged_by":null,"reactions":null,"replies":null,"attachments":null}}"#,
            #"{"type":"direct_post","direct_post":{"channel_members":["alice","bob","carol"],"user":"bob","type":"","message":"Release at 5","props":{},"create_at":1704451000000,"edit_at":0,"flagged_by":["carol"],"reactions":[{"user":"alice","emoji_name":"white_check_mark","create_at":1704451100000}],"replies":[{"user":"carol","type":"","message":"ok","create_at":1704451200000,"edit_at":0}],"attachments":null}}"#,
            #"{"type":"direct_post","direct_post":{"channel_members":["carol","carol"],"user":"carol","type":"","message":"note to self","props":null,"create_at":1704451300000,"edit_at":0,"flagged_by":null,"reactions":null,"replies":null,"attachments":null}}"#,
        ]
        return lines
    }

    /// The zip as the exporter lays it out: `import.jsonl` first, then `data/…`.
    static func zip(in dir: ValidatorTempDirectory, name: String = "mattermost-export.zip") throws -> URL {
        try dir.zip(name, entries: [("import.jsonl", lines.jsonlBytes),
                                    ("data/" + attachmentPath, Array("%PDF-1.4 roadmap".utf8)),
                                    ("data/" + emojiPath, png)])
    }
}

@Suite("Validator on Mattermost's own export")
struct ValidatorMattermostExportTests {
    @Test("a package shaped like mmctl export passes --strict with no finding at all")
    func mattermostExportPassesStrict() throws {
        let dir = try ValidatorTempDirectory()
        let report = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: try MattermostExportFixture.zip(in: dir))
        #expect(report.errors == [])
        #expect(report.warnings == [])
        var expected = ValidationCounts()
        expected.teams = 2; expected.channels = 6; expected.users = 6; expected.emoji = 1; expected.posts = 5
        expected.replies = 3; expected.reactions = 4; expected.attachments = 1; expected.directChannels = 3; expected.directPosts = 3
        #expect(report.counts == expected)
    }

    @Test("team type and allow_open_invite may disagree: the import keeps them as written")
    func openInviteMismatchIsNoFinding() {
        let lines = [ValidatorFixture.prelude[0],
                     #"{"type":"team","team":{"name":"open-team","display_name":"Open","type":"O","allow_open_invite":false}}"#,
                     #"{"type":"team","team":{"name":"closed-team","display_name":"Closed","type":"I","allow_open_invite":true}}"#,
                     #"{"type":"team","team":{"name":"plain-team","display_name":"Plain","type":"O"}}"#]
        let report = PackageValidator(options: ValidationOptions(strict: true)).validate(jsonlLines: lines)
        #expect(report.errors == [])
        #expect(report.warnings == [])
    }
}
