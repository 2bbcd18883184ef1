import ArgumentParser
import Contracts

/// `spotjob sheets rejected`: the sheets intake refused; the same as `spotjob rejected list --service intake`.
struct SheetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheets", abstract: "Read sheets intake received.", subcommands: [Rejected.self])

    struct Rejected: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List rejected sheets and why, newest first (as `spotjob rejected list --service intake`).")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "At most this many.")
        var limit = 50

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            var list = try RejectedCommand.List.parse(["--service", IntakeEvents.service, "--limit", "\(limit)"] + (json ? ["--json"] : []))
            list.database = database
            try await list.run()
        }
    }
}
