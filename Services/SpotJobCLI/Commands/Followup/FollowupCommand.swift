import AMQPClient
import ArgumentParser
import Chronology
import Contracts
import Domain
import Followup
import Foundation
import JSON
import Messaging

/// `spotjob followup due|contacted|checkin|funnel`: what consultants and steering groups read and report.
struct FollowupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup", abstract: "Contact tasks, check-ins and the handover funnel.",
        subcommands: [Due.self, Contacted.self, Checkin.self, FunnelReport.self])

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open contact tasks and check-ins, most overdue first.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this municipality: a kommunekode or a name.") var municipality: String?
        @Option(help: "Only this placement's check-ins (repeatable; no contact tasks then).") var placement: [String] = []
        @Option(help: "At most this many.") var limit = 50
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let code = try municipality.map(MunicipalityArgument.code)
            let client = try database.client(for: FollowupEvents.service)
            defer { Task { await client.close() } }
            let items = try await client.withConnection { [limit, placement] in
                try DueItem.list(
                    municipality: code, placements: placement.isEmpty ? nil : placement, now: Date(), calendar: FollowupCalendar(),
                    limit: limit, on: $0)
            }
            if json { return try Presentation.printJSON(items) }
            Presentation.printTable(["DUE", "LATE (WORKING DAYS)", "KIND", "ID", "OPENING", "MUNICIPALITY"], items.map { item in
                [Presentation.localTime(item.dueAt), "\(item.workingDaysLate)",
                 item.kind + (item.sequence.map { " \($0)" } ?? ""), item.id.uuidString.lowercased(),
                 item.openingId.uuidString.lowercased(), MunicipalityArgument.name(item.municipality)]
            })
            print("\(items.count) open duty(ies)")
        }
    }

    struct Contacted: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Report that a company was contacted (publishes company.contacted).")
        @OptionGroup var broker: BrokerOptions
        @Argument(help: "The opening id.") var opening: String
        @Option(help: "The jobcenter that reports it (kommunekode or name): sent as jobcenter-<kommunekode>.") var jobcenter: String
        @Option(help: "reached, visit-booked, declined or no-answer.") var outcome: String
        @Option(help: "Who made the contact.") var by: String
        @Option(help: "When (RFC 3339); default now.") var at: String?
        @Option(help: "A note for consultants.") var note: String?

        func run() async throws {
            _ = try UUIDArgument.parse(opening, "the opening id")
            guard ContactOutcome(rawValue: outcome) != nil else {
                throw ValidationError("--outcome must be one of \(ContactOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let contactedAt = try at.map(Timestamp.parse) ?? Date()
            try await Publishing.publish(
                FollowupEvents.companyContacted,
                ContactedBody(openingId: opening, contactedAt: contactedAt, by: by, outcome: outcome, note: note),
                as: .jobcenter(kommunekode: try MunicipalityArgument.code(jobcenter)), broker: broker)
        }

        private struct ContactedBody: Encodable { var openingId: String, contactedAt: Date, by: String, outcome: String, note: String? }
    }

    struct Checkin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Complete a check-in (publishes checkin.completed).")
        @OptionGroup var broker: BrokerOptions
        @Argument(help: "The check-in id.") var id: String
        @Option(help: "The jobcenter that reports it (kommunekode or name): sent as jobcenter-<kommunekode>.") var jobcenter: String
        @Option(help: "going-well, needs-support or at-risk.") var outcome: String
        @Option(help: "When (RFC 3339); default now.") var at: String?
        @Option(help: "A note for consultants.") var note: String?

        func run() async throws {
            _ = try UUIDArgument.parse(id, "the check-in id")
            guard CheckinOutcome(rawValue: outcome) != nil else {
                throw ValidationError("--outcome must be one of \(CheckinOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let completedAt = try at.map(Timestamp.parse) ?? Date()
            try await Publishing.publish(
                FollowupEvents.checkinCompleted, CheckinBody(checkinId: id, completedAt: completedAt, outcome: outcome, note: note),
                as: .jobcenter(kommunekode: try MunicipalityArgument.code(jobcenter)), broker: broker)
        }

        private struct CheckinBody: Encodable { var checkinId: String, completedAt: Date, outcome: String, note: String? }
    }

    struct FunnelReport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "funnel", abstract: "The handover funnel and evaluation figures for a steering group.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this municipality: a kommunekode or a name.") var municipality: String?
        @Option(help: "Only sheets from this source.") var source: String?
        @Option(help: "Sheets submitted on or after this Copenhagen date (YYYY-MM-DD).") var from: String?
        @Option(help: "Sheets submitted on or before this Copenhagen date (YYYY-MM-DD).") var to: String?
        @Option(help: "table, json, csv or html.") var format = "table"
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            guard ["table", "json", "csv", "html"].contains(format) else { throw ValidationError("--format must be table, json, csv or html") }
            let filter = Funnel.Filter(
                municipality: try municipality.map(MunicipalityArgument.code), source: source,
                from: try from.map { try DateArgument.parse($0, "--from") }, to: try to.map { try DateArgument.parse($0, "--to") })
            let client = try database.client(for: FollowupEvents.service)
            defer { Task { await client.close() } }
            let now = Date()
            let today = Copenhagen.date(at: now)!
            let funnel = try await client.withConnection { try Funnel.compute(filter, today: today, on: $0) }
            let text: String = switch format {
            case "json": String(decoding: try JSONCoding.prettyPrinted(funnel), as: UTF8.self) + "\n"
            case "csv": FunnelText.csv(funnel)
            case "html": FunnelPage.html(funnel, title: FunnelText.title(filter), generated: Presentation.localTime(now))
            default: FunnelText.table(funnel, title: FunnelText.title(filter))
            }
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                print("wrote \(output)")
            } else {
                print(text, terminator: "")
            }
        }
    }
}
