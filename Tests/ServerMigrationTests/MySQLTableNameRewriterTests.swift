import TestSupport
import DatabaseClients
import MattermostImport
import Foundation
import Testing
@testable import ServerMigration

struct MySQLTableNameRewriterTests {
    /// A mysqldump-shaped file exercising every construct the rewriter must handle.
    static let dump = """
        -- MariaDB dump 10.19
        -- Table structure for table `users`
        /*!40101 SET @saved_cs_client     = @@character_set_client */;
        DROP TABLE IF EXISTS `users`;
        CREATE TABLE `users` (
          `Id` varchar(26) NOT NULL,
          `Status` varchar(32) DEFAULT 'users',
          PRIMARY KEY (`Id`)
        ) ENGINE=InnoDB;
        CREATE TABLE `retentionpoliciesteams` (
          `PolicyId` varchar(26),
          CONSTRAINT `FK_RetentionPoliciesTeams_RetentionPolicies` FOREIGN KEY (`PolicyId`) REFERENCES `retentionpolicies` (`Id`)
        );
        LOCK TABLES `users` WRITE;
        /*!40000 ALTER TABLE `users` DISABLE KEYS */;
        INSERT INTO `users` VALUES ('a','users'),('b','`users` and \\'users\\' INSERT INTO `users`'),('c',"double \\" `users`");
        INSERT INTO `posts` VALUES ('p','-- users\\n/* `users` */ # users');
        /*!40000 ALTER TABLE `users` ENABLE KEYS */;
        UNLOCK TABLES;
        # comment about `users`
        /* block comment FROM users */
        /*!50001 CREATE VIEW `attributeview` AS select `pv`.`Id` AS `Id`,`mm`.`users`.`Status` AS `s` from (`mm`.`propertyvalues` `pv` left join `users` on(`users`.`Id` = `pv`.`Id`)) */;
        SELECT * FROM users JOIN posts ON posts.UserId = users.Id WHERE users.Id = 'users';
        CREATE TABLE `focalboard_blocks` (`id` int);
        CREATE TABLE `myplugin_data` (`users` int);
        """

    static let expected = """
        -- MariaDB dump 10.19
        -- Table structure for table `users`
        /*!40101 SET @saved_cs_client     = @@character_set_client */;
        DROP TABLE IF EXISTS `Users`;
        CREATE TABLE `Users` (
          `Id` varchar(26) NOT NULL,
          `Status` varchar(32) DEFAULT 'users',
          PRIMARY KEY (`Id`)
        ) ENGINE=InnoDB;
        CREATE TABLE `RetentionPoliciesTeams` (
          `PolicyId` varchar(26),
          CONSTRAINT `FK_RetentionPoliciesTeams_RetentionPolicies` FOREIGN KEY (`PolicyId`) REFERENCES `RetentionPolicies` (`Id`)
        );
        LOCK TABLES `Users` WRITE;
        /*!40000 ALTER TABLE `Users` DISABLE KEYS */;
        INSERT INTO `Users` VALUES ('a','users'),('b','`users` and \\'users\\' INSERT INTO `users`'),('c',"double \\" `users`");
        INSERT INTO `Posts` VALUES ('p','-- users\\n/* `users` */ # users');
        /*!40000 ALTER TABLE `Users` ENABLE KEYS */;
        UNLOCK TABLES;
        # comment about `users`
        /* block comment FROM users */
        /*!50001 CREATE VIEW `AttributeView` AS select `pv`.`Id` AS `Id`,`mm`.`Users`.`Status` AS `s` from (`mm`.`PropertyValues` `pv` left join `Users` on(`Users`.`Id` = `pv`.`Id`)) */;
        SELECT * FROM Users JOIN Posts ON Posts.UserId = Users.Id WHERE Users.Id = 'users';
        CREATE TABLE `focalboard_blocks` (`id` int);
        CREATE TABLE `myplugin_data` (`users` int);
        """

    func rewrite(_ text: String, chunkSize: Int) -> (String, MySQLTableNameRewriter) {
        let rewriter = MySQLTableNameRewriter()
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        for start in stride(from: 0, to: bytes.count, by: chunkSize) {
            output += rewriter.process(Array(bytes[start..<min(start + chunkSize, bytes.count)]))
        }
        output += rewriter.finish()
        return (String(decoding: output, as: UTF8.self), rewriter)
    }

    @Test("renames tables in identifier positions only; strings and comments stay byte for byte")
    func rewritesDump() {
        let (output, rewriter) = rewrite(Self.dump, chunkSize: 1 << 16)
        #expect(output == Self.expected)
        #expect(rewriter.unknownTables == ["myplugin_data"])
        #expect(rewriter.collisions.isEmpty)
        #expect(rewriter.renamed["Users"] == 12 && rewriter.renamed["Posts"] == 3)
    }

    @Test("the result does not depend on how the input is split into chunks", arguments: [1, 2, 3, 7, 64])
    func chunkBoundaries(size: Int) {
        #expect(rewrite(Self.dump, chunkSize: size).0 == Self.expected)
    }

    @Test("tokens longer than any table name pass through unbuffered and unchanged", arguments: [1, 5, 4096])
    func longTokens(size: Int) {
        let hex = "0x" + String(repeating: "ABCDEF0123", count: 2_000)
        let text = "INSERT INTO `users` VALUES (\(hex)); SELECT `\(String(repeating: "q", count: 3_000))`.x FROM users; `unterminated \(String(repeating: "z", count: 500))"
        let expected = text.replacingOccurrences(of: "INTO `users`", with: "INTO `Users`").replacingOccurrences(of: "FROM users", with: "FROM Users")
        #expect(rewrite(text, chunkSize: size).0 == expected)
    }

    @Test("a dump with both users and Users is refused and no output is left behind")
    func collisionInDump() async throws {
        let directory = try TestProcess.makeTemporaryDirectory("mattermove-case")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/dump.sql"
        let output = directory + "/fixed.sql"
        FileManager.default.createFile(atPath: input, contents: Data("CREATE TABLE `users` (a int);\nCREATE TABLE `Users` (a int);\n".utf8))
        let message = await expectFailure { _ = try await TableCaseFixer.fixDump(inputPath: input, outputPath: output) }
        #expect(message.contains("users/Users") && message.contains(input))
        #expect(!FileManager.default.fileExists(atPath: output) && !FileManager.default.fileExists(atPath: output + ".partial"))
    }

    @Test("fix-table-case --dump writes the rewritten file")
    func fixesDumpFile() async throws {
        let directory = try TestProcess.makeTemporaryDirectory("mattermove-case")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/dump.sql", contents: Data(Self.dump.utf8))
        let result = try await TableCaseFixer.fixDump(inputPath: directory + "/dump.sql", outputPath: directory + "/fixed.sql")
        #expect(try String(contentsOfFile: directory + "/fixed.sql", encoding: .utf8) == Self.expected)
        #expect(result.unknownTables.contains("myplugin_data"))
    }
}

struct ServerConfigTests {
    @Test("PostgreSQL DSN with escaped password, query parameters and a socket host")
    func postgresDataSource() throws {
        let endpoint = try DatabaseEndpoint.parse(driver: "postgres", dataSource: "postgres://mm%40user:p%3Ass%2Fw@db.example.com:5433/mattermost?sslmode=disable&connect_timeout=10", origin: "c.json")
        #expect(endpoint.user == "mm@user" && endpoint.password == "p:ss/w" && endpoint.host == "db.example.com" && endpoint.port == 5433)
        #expect(endpoint.database == "mattermost" && endpoint.parameters["sslmode"] == "disable")
        #expect(!endpoint.description.contains("p:ss/w"))
        let socket = try DatabaseEndpoint.parse(driver: "postgres", dataSource: "postgres://mm:pw@/mattermost?host=/var/run/postgresql", origin: "c.json")
        #expect(socket.isUnixSocket && socket.host == "/var/run/postgresql")
    }

    @Test("MySQL DSN: tcp and unix addresses, password with @ and :, charset list")
    func mysqlDataSource() async throws {
        let endpoint = try DatabaseEndpoint.parse(driver: "mysql", dataSource: "mmuser:p@ss:w@tcp(10.0.0.5:3307)/mattermost?charset=utf8mb4,utf8&writeTimeout=30s", origin: "c.json")
        #expect(endpoint.user == "mmuser" && endpoint.password == "p@ss:w" && endpoint.host == "10.0.0.5" && endpoint.port == 3307)
        #expect(endpoint.database == "mattermost" && endpoint.mysqlCharset == "utf8mb4")
        let socket = try DatabaseEndpoint.parse(driver: "mysql", dataSource: "mm:pw@unix(/run/mysqld/mysqld.sock)/mm", origin: "c.json")
        #expect(socket.isUnixSocket && socket.host == "/run/mysqld/mysqld.sock")
        let message = await expectFailure { _ = try DatabaseEndpoint.parse(driver: "mysql", dataSource: "not a dsn", origin: "c.json") }
        #expect(message.contains("c.json"))
    }

    @Test("config merge keeps the destination's host keys and --site-url, and the source's salts and settings")
    func mergeKeepsHostKeys() throws {
        let source = try JSONParser.parseKeepingNumberText(Array(#"{"SqlSettings":{"DataSource":"old","AtRestEncryptKey":"k1"},"FileSettings":{"Directory":"/old/","PublicLinkSalt":"s1"},"ServiceSettings":{"SiteURL":"https://old","ListenAddress":":8065"},"TeamSettings":{"SiteName":"Ünï <&>"}}"#.utf8))
        let destination = try JSONParser.parseKeepingNumberText(Array(#"{"SqlSettings":{"DataSource":"new","AtRestEncryptKey":"k2"},"FileSettings":{"Directory":"/new/","PublicLinkSalt":"s2"},"ServiceSettings":{"ListenAddress":":9065"}}"#.utf8))
        guard case .object(let sourceObject) = source, case .object(let destinationObject) = destination else { Issue.record("not objects"); return }
        let merged = ConfigMerge.merge(source: sourceObject, destination: destinationObject, siteURL: "https://new")
        let reparsed = try JSONSerialization.jsonObject(with: Data(JSONPrettyPrinter.text(.object(merged)).utf8)) as! [String: [String: String]]
        #expect(reparsed["SqlSettings"] == ["DataSource": "new", "AtRestEncryptKey": "k1"])
        #expect(reparsed["FileSettings"] == ["Directory": "/new/", "PublicLinkSalt": "s1"])
        #expect(reparsed["ServiceSettings"] == ["SiteURL": "https://new", "ListenAddress": ":9065"])
        #expect(reparsed["TeamSettings"] == ["SiteName": "Ünï <&>"])
    }

    @Test("MM_* environment overrides win over config.json")
    func environmentOverrides() throws {
        let directory = try TestProcess.makeTemporaryDirectory("mattermove-config")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/config", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/config/config.json", contents: Data(#"{"SqlSettings":{"DriverName":"postgres","DataSource":"postgres://a:b@h/db1"},"FileSettings":{"Directory":"./data/"}}"#.utf8))
        let config = try ServerConfig.load(path: directory + "/config/config.json",
                                           environment: ["MM_SQLSETTINGS_DATASOURCE": "postgres://a:b@h2/db2", "HOME": "/root"])
        #expect(try config.database().host == "h2" && config.database().database == "db2")
        #expect(config.fileStore == .local(directory: URL(fileURLWithPath: directory + "/data").standardizedFileURL.path))
        #expect(config.environment["HOME"] == nil)
    }
}
