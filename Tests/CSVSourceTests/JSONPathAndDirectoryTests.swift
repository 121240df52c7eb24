import Foundation
import MattermostImport
import Testing
import SourceToolkit
@testable import CSVSource

/// JSON paths into nested objects and arrays, µs times, and the users/channels files' own errors.
@Suite struct JSONPathAndDirectoryTests {
    @Test func nestedPathsArraysAndMicroseconds() throws {
        let lines = [
            #"{"msg": {"id": "a1", "at": 1709283600000000, "from": {"name": "alice"}, "body": "root"}, "room": {"name": "ops", "kind": "private", "topic": "On call"}}"#,
            #"{"msg": {"id": "a2", "at": 1709283660000000, "from": {"name": "bob"}, "body": "reply", "parent": "a1", "files": [{"path": "log.txt"}]}, "room": {"name": "ops"}, "reactions": [{"name": "eyes", "user": "alice"}]}"#,
            #"{"msg": {"id": "a3", "at": 1709283720000000, "from": {"name": "bob"}, "body": "group"}, "members": ["alice", "carol"]}"#,
        ]
        let file = try BespokeFiles.write(lines.joined(separator: "\n") + "\n", name: "chat.jsonl")
        try Data("log".utf8).write(to: file.deletingLastPathComponent().appendingPathComponent("log.txt"))
        let mapping = try MappingLoader.parse("""
            fields:
              message_id: msg.id
              timestamp: $.msg.at
              user: msg.from.name
              text: msg.body
              thread_parent_id: msg.parent
              attachments: msg.files
              channel: room.name
              channel_type: room.kind
              channel_header: room.topic
              dm_members: members
              reactions: reactions
            timestamp: {format: unix_us}
            """)
        let result = try Conversion.run(BespokeOptions(format: .jsonl, files: [file], teamName: "t", mapping: mapping))
        result.expectValid()
        result.expectBalanced()
        let out = result.report.output
        #expect(out.posts == 1 && out.replies == 1 && out.directPosts == 1 && out.attachments == 1 && out.reactions == 1)
        #expect(result.jsonl.contains(#""name":"ops","display_name":"ops","type":"P","header":"On call""#))
        #expect(result.jsonl.contains(#""channel_members":["alice","bob","carol"]"#))
        #expect(result.jsonl.contains(#""create_at":1709283600000"#))
    }

    @Test func usersFileUnknownColumnAndDuplicatesAreNamed() throws {
        let unknown = try BespokeFiles.write("username,mail\nalice,a@example.com\n", name: "users.csv")
        let error = #expect(throws: CSVSourceError.self) { try UsersFile.load(unknown) }
        #expect(error?.description == "users.csv: row 1, column 2: unknown column \"mail\" (expected: username, email, display_name, first_name, last_name, nickname, position, role, deleted)")
        let twice = try BespokeFiles.write("username;role\nalice;admin\nalice;member\n", name: "users.csv")
        let duplicate = #expect(throws: CSVSourceError.self) { try UsersFile.load(twice) }
        #expect(duplicate?.description == "users.csv: row 3, column username: \"alice\" is listed twice")
        let role = try BespokeFiles.write("username,role\nalice,owner\n", name: "users.csv")
        let badRole = #expect(throws: CSVSourceError.self) { try UsersFile.load(role) }
        #expect(badRole?.description == "users.csv: row 2, column role: \"owner\": expected member, admin or guest")
    }

    @Test func channelsFileGivesMembershipAndArchive() throws {
        let file = try BespokeFiles.write("name,type,members,admins,archived\nold-stuff,private,alice;bob,alice,true\n", name: "channels.csv")
        let channels = try ChannelsFile.load(file, listSeparator: ";")
        #expect(channels == [ChannelDefinition(name: "old-stuff", displayName: nil, isPrivate: true, header: nil, purpose: nil,
                                               members: ["alice", "bob"], admins: ["alice"], archived: true)])
        let rows = try BespokeFiles.write("id,sent,room,author,body\n1,1709283600,old-stuff,bob,hi\n", name: "rows.csv")
        var options = BespokeOptions(format: .csv, files: [rows], teamName: "t",
                                     mapping: try MappingLoader.parse("fields: {message_id: id, timestamp: sent, channel: room, user: author, text: body}\n"))
        options.channelsFile = file
        let result = try Conversion.run(options)
        result.expectValid()
        result.expectBalanced()
        #expect(result.jsonl.contains(#""name":"alice","roles":"channel_user channel_admin""#) || result.jsonl.contains(#""roles":"channel_user channel_admin""#))
        #expect(result.jsonl.contains(#""deleted_at":"#))
    }
}
