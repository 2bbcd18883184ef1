import AMQPClient
import ArgumentParser
import Chronology
import Contracts
import Domain
import Foundation
import JSON
import Matching
import Messaging

/// `spotjob placements list | report`.
struct PlacementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "placements", abstract: "Read and report placements.", subcommands: [List.self, Report.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Placements, newest first.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this jobcenter: a kommunekode or a name.") var jobcenter: String?
        @Option(help: "At most this many.") var limit = 50
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let code = try jobcenter.map(MunicipalityArgument.code)
            let client = try database.client(for: MatchingEvents.service)
            defer { Task { await client.close() } }
            let rows = try await client.withConnection { [limit] in try PlacementStore.list(jobcenter: code, limit: limit, on: $0) }
            if json { return try Presentation.printJSON(rows) }
            Presentation.printTable(
                ["RECORDED", "PLACEMENT", "CANDIDATE", "OPENING", "CVR", "START", "HOURS", "TARGET", "ENDED", "STAR"],
                rows.map { row in
                    [Presentation.localTime(row.recordedAt), row.placementId, row.candidateId, row.openingId.uuidString.lowercased(),
                     row.cvr, row.startDate, "\(row.hoursPerWeek)", row.targetGroup ? "yes" : "no", row.endDate ?? "",
                     row.inStarReport ? "reported" : ""]
                })
            print("\(rows.count) placement(s)")
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish placement.reported as a jobcenter system would (matching records or refuses it).")
        @OptionGroup var broker: BrokerOptions
        @Option(help: "The candidate's jobcenter, which reports it (kommunekode or name): sent as jobcenter-<kommunekode>.") var jobcenter: String
        @Option(help: "Your id of the placement (the idempotency key).") var placementId: String
        @Option(help: "The candidateId.") var candidate: String
        @Option(help: "The openingId.") var opening: String
        @Option(help: "The first day, YYYY-MM-DD.") var startDate: String
        @Option(help: "Hours a week, e.g. 7.5.") var hours: Double

        func run() async throws {
            let start = try DateArgument.parse(startDate, "--start-date")
            guard let tenths = Int(exactly: (hours * 10).rounded()), let hoursPerWeek = HoursPerWeek(tenths: tenths) else {
                throw ValidationError("--hours must be more than 0 and at most 37")
            }
            let body = PlacementReportedBody(
                placementId: placementId, candidateId: candidate, openingId: try UUIDArgument.parse(opening, "--opening"),
                startDate: start, hoursPerWeek: hoursPerWeek)
            let envelope = try await Publishing.publish(
                MatchingEvents.placementReported, bodies: [try JSONCoding.encoder.encode(body)],
                as: .jobcenter(kommunekode: try MunicipalityArgument.code(jobcenter)), broker: broker)[0]
            print("sent placement \(placementId) as message \(envelope.messageID.uuidString.lowercased()); see `spotjob placements list`")
        }
    }
}
