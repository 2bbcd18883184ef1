import ArgumentParser
import Contracts
import Intake

/// `spotjob sheets rejected`: sheets intake refused, with every error.
struct SheetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheets", abstract: "Read sheets intake received.", subcommands: [Rejected.self])

    struct Rejected: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rejected sheets and why, newest first.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "At most this many.")
        var limit = 50

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let client = try database.client(for: IntakeEvents.service)
            defer { Task { await client.close() } }
            let rejected = try await client.withConnection { [limit] in try RejectedSheetStore.list(limit: limit, on: $0) }
            if json { return try Presentation.printJSON(rejected) }
            for record in rejected {
                print("\(Presentation.localTime(record.receivedAt))  sheet \(record.sheetId ?? "(unreadable)")  message \(record.messageId.uuidString.lowercased())")
                for error in record.errors {
                    print("    \(error.field): \(error.message) [\(error.code.rawValue)]")
                }
            }
            print("\(rejected.count) rejected sheet(s)")
        }
    }
}
