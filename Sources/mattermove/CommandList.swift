import ArgumentParser

/// Every top-level subcommand, in `--help` order.
enum CommandList {
    static let all: [ParsableCommand.Type] = [
        ConvertCommand.self,
        InspectCommand.self,
        ValidateCommand.self,
        ServerCommand.self,
    ]
}
