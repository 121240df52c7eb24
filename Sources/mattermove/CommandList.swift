import ArgumentParser

/// Every top-level subcommand, in `--help` order.
enum CommandList {
    static let all: [ParsableCommand.Type] = [
        ValidateCommand.self,
        ServerCommand.self,
    ]
}
