@testable import HipChatSource
import MattermostImport
import Testing

/// History files are staged in the order their conversations are numbered, whatever order the archive
/// holds them in (staging then appends rows at the end of its table instead of into the middle).
@Suite struct HipChatHistoryOrderTests {
    @Test func roomsAsListedThenUnlistedRoomsThenUsersAsMet() throws {
        let histories = HipChatHistories(archive: nil)
        let met: [(String, HipChatMessageConverter.Context)] = [
            ("users/7/history.json", .user(id: "7")),
            ("rooms/30/history.json", .room(id: "30")),
            ("rooms/99/history.json", .room(id: "99")),
            ("rooms/Ops/2015-03-02.json", .legacyRoom(name: "Ops")),
            ("users/2/history.json", .user(id: "2")),
            ("rooms/10/history.json", .room(id: "10")),
            ("rooms/Ops/2015-03-01.json", .legacyRoom(name: "Ops")),
            ("rooms/Gone/2015-01-01.json", .legacyRoom(name: "Gone")),
        ]
        for (relative, context) in met {
            let sink = try histories.register(relative: relative, archivePath: relative, context: context)
            try sink?.end()
        }
        let rooms = try ["10": "Ten", "Ops-id": "Ops", "30": "Thirty"].sorted { $0.key < $1.key }.map { id, name in
            try #require(HipChatRoom(JSONParser.parse(#"{"Room":{"id":"\#(id)","name":"\#(name)"}}"#)))
        }
        histories.sortForStaging(rooms: rooms)
        #expect(histories.files.map(\.relative) == [
            "rooms/10/history.json", "rooms/30/history.json",
            "rooms/Ops/2015-03-01.json", "rooms/Ops/2015-03-02.json",
            "rooms/99/history.json", "rooms/Gone/2015-01-01.json",
            "users/7/history.json", "users/2/history.json",
        ])
    }
}
