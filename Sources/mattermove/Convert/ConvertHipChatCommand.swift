import ArgumentParser
import Foundation
import HipChatSource
import MigrationCore

/// `mattermove convert hipchat`: a HipChat Server/Data Center export → one Mattermost bulk-import package.
struct ConvertHipChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hipchat",
        abstract: "Convert a HipChat Server/Data Center export (.tar.gz.aes, .tar.gz, .tar or folder) into a Mattermost bulk-import package.",
        discussion: """
            Encrypted exports (openssl enc -aes-256-cbc, MD5 or SHA-256 key derivation) are decrypted, \
            gunzipped and untarred as one stream: the plaintext is never written to disk (attachments wait \
            for the package in a temporary spool encrypted with a key held only in memory). Users, rooms, \
            room and 1:1 history, notifications, topic/archive/guest-access events, attachments and \
            custom emoticons are converted; everything skipped or changed is in the report.
            """
    )

    @Argument(help: "The HipChat export: .tar.gz.aes, .tar.gz, .tar, a legacy .zip, or an unpacked folder.")
    var export: String

    @OptionGroup(title: "Conversion")
    var common: ConvertOptions

    @OptionGroup(title: "Password")
    var password: HipChatPasswordOptions

    func run() throws {
        var options = HipChatOptions(teamName: common.team, teamDisplayName: common.teamDisplayName,
                                     skipAttachments: common.skipAttachments, since: common.sinceMillis, lenient: common.lenient)
        options.maxJSONElementBytes = common.maxJSONElementBytes
        let progress = ProgressBar(quiet: common.quiet)
        let result = try HipChatConversion.convert(export: URL(fileURLWithPath: export), options: options,
                                                   exportOptions: common.exportOptions, output: common.outputURL,
                                                   password: password.password,
                                                   progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        try common.finish(result)
    }
}
