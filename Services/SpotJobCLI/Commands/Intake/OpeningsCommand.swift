import ArgumentParser
import Contracts
import Domain
import Intake

/// `spotjob openings list`: the openings intake registered.
struct OpeningsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openings", abstract: "Read registered openings.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List openings, newest first.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Only this municipality: a kommunekode or a name (e.g. 615 or Horsens).")
        var municipality: String?

        @Option(help: "Only sheets from this source, e.g. jobshop-horsens-2017-05-15.")
        var source: String?

        @Option(help: "At most this many.")
        var limit = 50

        @Flag(help: "Print the opening.registered fields plus status as a JSON array.")
        var json = false

        func run() async throws {
            let code = try municipality.map(MunicipalityArgument.code)
            let client = try database.client(for: IntakeEvents.service)
            defer { Task { await client.close() } }
            let openings = try await client.withConnection { [code, source, limit] in
                try OpeningStore.list(municipality: code, source: source, limit: limit, on: $0)
            }
            if json { return try Presentation.printJSON(openings) }
            Presentation.printTable(
                ["REGISTERED", "SHEET", "REV", "STATUS", "MUNICIPALITY", "COMPANY", "CATEGORY", "HOURS", "POS"],
                openings.map { opening in
                    [
                        Presentation.localTime(opening.registeredAt), opening.sheetId, "\(opening.revision)",
                        opening.status ?? "", MunicipalityArgument.name(opening.municipality),
                        opening.company.name, opening.category.danishLabel, "\(opening.hoursPerWeek)", "\(opening.positions)",
                    ]
                })
            print("\(openings.count) opening(s)")
        }
    }
}
