import ArgumentParser
import Contracts

/// `spotjob sheets rejected`: the sheets intake refused; the same as `spotjob rejected list --service intake`.
struct SheetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheets", abstract: "Read sheets intake received.", subcommands: [Rejected.self])

    struct Rejected: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List rejected sheets and why, newest first (as `spotjob rejected list --service intake`).")

        @OptionGroup var listing: RejectedCommand.Listing

        func run() async throws {
            try await listing.print(service: IntakeEvents.service)
        }
    }
}
