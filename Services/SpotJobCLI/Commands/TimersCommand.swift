import ArgumentParser
import Foundation
import Messaging
import PostgresClient

/// `spotjob timers list|rearm --service S`: a service's pending and parked timers, and re-arming
/// a parked one once the cause of its failures is fixed.
struct TimersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timers", abstract: "Inspect a service's timers and re-arm parked ones.",
        subcommands: [List.self, Rearm.self])

    struct Target: ParsableArguments {
        @Option(help: "The service whose timers to read (its schema): intake, matching, followup, billing.")
        var service: String

        @Option(help: "libpq URL (default: $<SERVICE>_DATABASE_URL, e.g. $FOLLOWUP_DATABASE_URL).")
        var databaseURL: String?

        func database() throws -> PostgresClient {
            let variable = "\(service.uppercased())_DATABASE_URL"
            guard let url = databaseURL ?? ProcessInfo.processInfo.environment[variable] else {
                throw ValidationError("set \(variable) or pass --database-url")
            }
            // The service's schema is named after it; with the service's own role it is the default anyway.
            return PostgresClient(
                configuration: PostgresConfiguration(url: url, applicationName: "spotjob-cli", searchPath: service),
                logger: ConnectionOptions.logger)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List timers, earliest due first (parked ones included).")
        @OptionGroup var target: Target

        @Option(help: "Only timers of this kind.")
        var kind: String?

        @Option(help: "Only timers due before this time (RFC 3339, e.g. 2026-05-01T00:00:00Z).")
        var dueBefore: String?

        @Flag(help: "Only parked timers.")
        var parked = false

        @Option(help: "At most this many.")
        var limit = 100

        @Flag(help: "Print the timers, with their payloads, as a JSON array.")
        var json = false

        func run() async throws {
            var before: Date?
            if let dueBefore {
                guard let date = try? Date(dueBefore, strategy: .iso8601) else {
                    throw ValidationError("--due-before: expected an RFC 3339 time such as 2026-05-01T00:00:00Z")
                }
                before = date
            }
            let database = try target.database()
            let timers: [TimerInfo]
            do {
                timers = try await database.withConnection { [kind, before, parked, limit] in
                    try Timers.list(kind: kind, dueBefore: before, parkedOnly: parked, limit: limit, on: $0)
                }
            } catch {
                await database.close()
                throw error
            }
            await database.close()
            if json { return try Presentation.printJSON(timers) }
            Presentation.printTable(
                ["ID", "KIND", "KEY", "DUE", "STATE", "ATTEMPTS", "LAST ERROR"],
                timers.map { timer in
                    [
                        "\(timer.id)", timer.kind, timer.key, Presentation.localTime(timer.dueAt),
                        timer.parkedAt.map { "parked \(Presentation.localTime($0))" }
                            ?? (timer.attempts > 0 ? "retry \(Presentation.localTime(timer.fireAt))" : "pending"),
                        "\(timer.attempts)", timer.lastError ?? "",
                    ]
                })
            print("\(timers.count) timer(s) of \(target.service)")
        }
    }

    struct Rearm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-arm a parked timer: it fires as soon as the service's timer loop gets to it.")
        @OptionGroup var target: Target

        @Argument(help: "The timer's id (from `spotjob timers list`).")
        var id: Int64

        func run() async throws {
            let database = try target.database()
            let rearmed: Bool
            do {
                rearmed = try await database.withConnection { [id] in try Timers.rearm(id: id, on: $0) }
            } catch {
                await database.close()
                throw error
            }
            await database.close()
            guard rearmed else { throw NotParked(description: "no parked timer \(id) in \(target.service)") }
            print("re-armed timer \(id) of \(target.service)")
        }
    }
}

/// `rearm` of an id that names no parked timer (exit status 1, no usage text).
private struct NotParked: Error, CustomStringConvertible {
    var description: String
}
