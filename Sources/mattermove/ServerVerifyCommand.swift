import ArgumentParser
import ServerMigration

struct ServerVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Compare a server with a backup's manifest; print the differences, exit 1 on any."
    )

    @Option(name: .long, help: "The server's config.json.")
    var config: String

    @Option(name: .long, help: "manifest.json of a backup, or the backup archive itself.")
    var manifest: String

    @Option(name: .long, help: "File holding the database password.")
    var passwordFile: String?

    @OptionGroup var summary: ServerJSONOption

    func run() async throws {
        try await ServerCommandSupport.run {
            let report = try await ServerVerify.run(configPath: config, manifestPath: manifest,
                                                    environment: ServerCommandSupport.environment(passwordFile: passwordFile))
            try ServerCommandSupport.finish(with: report, json: summary.json)
        }
    }
}
