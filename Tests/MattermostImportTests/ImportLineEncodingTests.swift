import Testing
@testable import MattermostImport

/// The line types encode with Mattermost's exact JSON types and a fixed key order.
@Suite struct ImportLineEncodingTests {
    func encoded(_ line: ImportLine) -> String {
        String(decoding: line.jsonBytes, as: UTF8.self)
    }

    @Test func versionLine() {
        #expect(encoded(.version(nil)) == #"{"type":"version","version":1}"#)
        #expect(encoded(.version(VersionInfo(generator: "mattermove", version: "1.0")))
                == #"{"type":"version","version":1,"info":{"generator":"mattermove","version":"1.0"}}"#)
    }

    @Test func teamAndChannelKeepKeyOrderAndTypes() {
        let team = TeamImport(name: "acme", displayName: "Acme", type: "O", allowOpenInvite: true)
        #expect(encoded(.team(team)) == #"{"type":"team","team":{"name":"acme","display_name":"Acme","type":"O","allow_open_invite":true}}"#)
        let channel = ChannelImport(team: "acme", name: "town", type: "P", deletedAt: 1_700_000_000_000)
        #expect(encoded(.channel(channel)) == #"{"type":"channel","channel":{"team":"acme","name":"town","type":"P","deleted_at":1700000000000}}"#)
    }

    @Test func userPreferencesAreStringsAndFavoriteIsABool() {
        var user = UserImport(username: "alice", email: "alice@example.com")
        user.useMarkdownPreview = "true"
        user.emailInterval = "hour"
        var notify = UserNotifyProps()
        notify.desktop = "mention"
        notify.email = "false"
        user.notifyProps = notify
        var membership = UserChannelImport(name: "town", roles: "channel_user")
        membership.favorite = true
        membership.msgCount = 3
        membership.msgCountRoot = 2
        membership.urgentMentionCount = 0
        user.teams = [UserTeamImport(name: "acme", roles: "team_user", channels: [membership])]
        #expect(encoded(.user(user)) == #"{"type":"user","user":{"username":"alice","email":"alice@example.com","#
            + #""feature_enabled_markdown_preview":"true","teams":[{"name":"acme","roles":"team_user","channels":[{"name":"town","#
            + #""roles":"channel_user","favorite":true,"urgend_mention_count":0,"msg_count":3,"msg_count_root":2}]}],"#
            + #""email_interval":"hour","notify_props":{"desktop":"mention","email":"false"}}}"#)
    }

    @Test func postWithRepliesReactionsAttachmentsAndProps() {
        var post = PostImport(team: "acme", channel: "town", user: "alice", message: "hi \"there\"\n\\ \u{01}", createAt: 5)
        post.props = JSONObject([("from_bot", .string("true")), ("n", .int(-3)), ("x", .double(1.5)), ("ok", .bool(false)), ("none", .null)])
        post.replies = [ReplyImport(user: "bob", message: "yo", createAt: 6)]
        post.reactions = [ReactionImport(user: "bob", emojiName: "+1", createAt: 7)]
        post.attachments = [AttachmentImport(path: "F1/résumé.pdf")]
        post.isPinned = true
        post.flaggedBy = ["bob"]
        #expect(encoded(.post(post)) == #"{"type":"post","post":{"team":"acme","channel":"town","user":"alice","#
            + #""message":"hi \"there\"\n\\ \u0001","props":{"from_bot":"true","n":-3,"x":1.5,"ok":false,"none":null},"#
            + #""create_at":5,"flagged_by":["bob"],"replies":[{"user":"bob","message":"yo","create_at":6}],"#
            + #""reactions":[{"user":"bob","emoji_name":"+1","create_at":7}],"attachments":[{"path":"F1/résumé.pdf"}],"is_pinned":true}}"#)
    }

    @Test func directLinesAndBotAndEmoji() {
        #expect(encoded(.directChannel(DirectChannelImport(members: ["a", "b"], header: "h")))
                == #"{"type":"direct_channel","direct_channel":{"members":["a","b"],"header":"h"}}"#)
        #expect(encoded(.directPost(DirectPostImport(channelMembers: ["a", "a"], user: "a", message: "self", createAt: 1)))
                == #"{"type":"direct_post","direct_post":{"channel_members":["a","a"],"user":"a","message":"self","create_at":1}}"#)
        #expect(encoded(.bot(BotImport(username: "bot", displayName: "Bot", owner: "alice")))
                == #"{"type":"bot","bot":{"username":"bot","display_name":"Bot","owner":"alice"}}"#)
        #expect(encoded(.emoji(EmojiImport(name: "parrot", image: "emoji/parrot.gif")))
                == #"{"type":"emoji","emoji":{"name":"parrot","image":"emoji/parrot.gif"}}"#)
    }

    @Test func everyEncodedLineParsesBackAndHasNoNewline() throws {
        var post = PostImport(team: "t", channel: "c", user: "u", message: "line1\nline2\u{2028}", createAt: Int64.max)
        post.editAt = Int64.min
        let bytes = ImportLine.post(post).jsonBytes
        #expect(!bytes.contains(0x0A))
        #expect(bytes.first == UInt8(ascii: "{"))
        let parsed = try JSONParser.parse(bytes)
        #expect(parsed["post"]?["create_at"]?.int64Value == Int64.max)
        #expect(parsed["post"]?["edit_at"]?.int64Value == Int64.min)
        #expect(parsed["post"]?["message"]?.stringValue == "line1\nline2\u{2028}")
    }
}
