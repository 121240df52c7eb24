@testable import HipChatSource
import Testing

/// The timestamp shapes of spec §1.4.
@Suite struct HipChatTimestampTests {
    @Test(arguments: [
        ("2018-08-08T14:23:54Z 626267", Int64(1_533_738_234_626)),
        ("2018-08-08T14:23:54Z", 1_533_738_234_000),
        ("2018-08-08T14:23:54Z 5", 1_533_738_234_000),
        ("2018-08-08T14:23:54.5Z", 1_533_738_234_500),
        ("2018-08-08T16:23:54+02:00", 1_533_738_234_000),
        ("2018-08-08T07:23:54-0700", 1_533_738_234_000),
        ("2018-08-08 14:23:54", 1_533_738_234_000),
        ("1533738234", 1_533_738_234_000),
        ("1533738234626", 1_533_738_234_626),
    ])
    func parses(_ text: String, _ expected: Int64) {
        #expect(HipChatTimestamp.milliseconds(text) == expected)
    }

    @Test(arguments: ["", "yesterday", "2018-13-08T14:23:54Z", "2018-08-08T14:23:54Z x", "2018-08-08"])
    func rejects(_ text: String) {
        #expect(HipChatTimestamp.milliseconds(text) == nil)
    }
}
