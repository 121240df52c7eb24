import Foundation
import GRDB

/// One ejabberd server's history with every case the reader must handle: both stored copies of 1:1
/// messages, XHTML-IM, `/me`, out-of-band links, a correction, a reaction, a reply, a XEP-0201 thread,
/// offline delivery (`<delay>`), case and resource variants, an escaped JID, non-UTF-8 bytes, a
/// members-only room with its options, an unlisted room with a nick-only occupant, subject and
/// presence rows, and one malformed stanza.
enum EjabberdScenario {
    struct Built {
        var database: EjabberdDatabase
        /// The archive id (µs timestamp) of the first room message, which the room's reply and reaction name.
        var roomRootID: Int64
        var malformedRowID: Int64
    }

    static func build(multiHost: Bool = false) throws -> Built {
        let db = try EjabberdDatabase(multiHost: multiHost)
        for name in ["alice", "bob", "carol", "erin"] { try db.user(name) }
        try db.room("dev", host: "conference.example.com", opts: """
            [{title,<<"Development">>},{description,<<"Caf\\303\\251 & code"/utf8>>},{allow_change_subj,true},\
            {members_only,true},{persistent,true},{subject,<<"Sprint 11">>},\
            {affiliations,[{{<<"alice">>,<<"example.com">>,<<>>},{owner,<<>>}},{{<<"bob">>,<<"example.com">>,<<>>},{member,<<>>}}]}]
            """)
        try db.registered(jid: "carol@example.com", host: "conference.example.com", nick: "Caz")

        db.tick()
        try db.chat(from: "alice@example.com/Laptop", to: "bob@example.com", "<body>Hello Bob</body>", id: "m1")
        db.tick()
        try db.chat(from: "bob@example.com/Phone", to: "alice@example.com", """
            <body>Hi there</body><html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>\
            <p>Hi <strong>there</strong>, see <a href='https://example.com/x'>this</a></p></body></html>
            """, id: "m2")
        db.tick()
        try db.chat(from: "alice@example.com/Laptop", to: "bob@example.com",
                    "<body>Hello, Bob!</body><replace xmlns='urn:xmpp:message-correct:0' id='m1'/>", id: "m3")
        db.tick()
        try db.chat(from: "bob@example.com/Phone", to: "alice@example.com",
                    "<reactions xmlns='urn:xmpp:reactions:0' id='m1'><reaction>👍</reaction><reaction>🎉</reaction></reactions>", id: "m4")
        db.tick()
        try db.chat(from: "bob@example.com/Phone", to: "alice@example.com", """
            <body>&gt; Hello Bob\nSure!</body><reply xmlns='urn:xmpp:reply:0' to='alice@example.com' id='m1'/>\
            <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='12'/></fallback>
            """, id: "m5")
        db.tick()
        try db.chat(from: "alice@example.com/Laptop", to: "bob@example.com", "<body>/me waves</body>", id: "m6")
        db.tick()
        try db.chat(from: "alice@example.com/Laptop", to: "bob@example.com", """
            <body>https://files.example.com/up/report%20Q1.pdf</body>\
            <x xmlns='jabber:x:oob'><url>https://files.example.com/up/report%20Q1.pdf</url></x>
            """, id: "m7")
        db.tick()
        try db.chat(from: "alice@example.com/Laptop", to: "bob@example.com", "<active xmlns='http://jabber.org/protocol/chatstates'/>", id: "m8")
        db.tick()
        // Offline delivery to a remote user: only alice's copy; the stamp is the send time.
        try db.chat(from: "alice@example.com/Laptop", to: "Dave@Other.org/Phone",
                    "<body>Are you there?</body><delay xmlns='urn:xmpp:delay' from='example.com' stamp='2024-03-01T07:00:00.250Z'/>",
                    id: "m9", localRecipient: false)
        db.tick()
        try db.archive(owner: "alice", peer: "DAVE@other.org/Laptop",
                       xml: "<message xmlns='jabber:client' from='DAVE@other.org/Laptop' to='alice@example.com' type='chat' id='m10'><body>Yes, on my laptop</body></message>",
                       kind: "chat")
        db.tick()
        try db.chat(from: "john\\20doe@example.com/res", to: "alice@example.com", "<body>Escaped hello</body>", id: "m11")
        db.tick()
        try db.chat(from: "alice@example.com/Laptop", to: "bob@example.com", "<body>Topic A</body><thread>t1</thread>", id: "m12")
        db.tick()
        try db.chat(from: "bob@example.com/Phone", to: "alice@example.com", "<body>On topic A</body><thread parent='t1'>t2</thread>", id: "m13")
        db.tick()
        var bytes = Array("<message xmlns='jabber:client' from='alice@example.com/Laptop' to='bob@example.com' type='chat' id='m14'><body>caf".utf8)
        bytes += [0xE9] + Array("</body></message>".utf8)  // Latin-1 é: not UTF-8
        try db.archive(owner: "alice", peer: "bob@example.com", xml: Data(bytes), kind: "chat")
        try db.queue.write { try $0.execute(sql: "UPDATE archive SET xml = CAST(xml AS TEXT) WHERE xml LIKE '%m14%'") }

        // The room.
        let root = db.tick()
        try db.groupchat(room: "dev@conference.example.com", nick: "Alice", realJID: "alice@example.com/Laptop", "<body>Morning all</body>", id: "g1")
        db.tick()
        try db.groupchat(room: "dev@conference.example.com", nick: "Caz", realJID: nil, "<body>Morning!</body>", id: "g2")
        db.tick()
        try db.groupchat(room: "dev@conference.example.com", nick: "Bob", realJID: "bob@example.com/Phone", """
            <body>Agreed</body><reply xmlns='urn:xmpp:reply:0' to='dev@conference.example.com/Alice' id='\(root)'/>
            """, id: "g3")
        db.tick()
        try db.groupchat(room: "dev@conference.example.com", nick: "Bob", realJID: "bob@example.com/Phone",
                         "<reactions xmlns='urn:xmpp:reactions:0' id='\(root)'><reaction>❤️</reaction></reactions>", id: "g4")
        db.tick()
        try db.groupchat(room: "dev@conference.example.com", nick: "Alice", realJID: "alice@example.com/Laptop", "<subject>Sprint 12</subject>", id: "g5")
        db.tick()
        try db.archive(owner: "dev@conference.example.com", peer: "dev@conference.example.com/Alice",
                       xml: "<presence xmlns='jabber:client' from='dev@conference.example.com/Alice'/>", kind: "groupchat", nick: "Alice")
        db.tick()
        try db.groupchat(room: "lounge@conference.example.com", nick: "ghost", realJID: nil, "<body>Anyone?</body>", id: "l1")
        // A stanza cut short.
        let bad = db.tick()
        try db.archive(owner: "alice", peer: "bob@example.com",
                       xml: "<message xmlns='jabber:client' from='alice@example.com' to='bob@example.com' type='chat' id='bad'><body>oops</message>",
                       kind: "chat", at: bad)
        let badID = try db.queue.read { try Int64.fetchOne($0, sql: "SELECT id FROM archive WHERE timestamp = ?", arguments: [bad]) } ?? -1
        return Built(database: db, roomRootID: root, malformedRowID: badID)
    }
}
