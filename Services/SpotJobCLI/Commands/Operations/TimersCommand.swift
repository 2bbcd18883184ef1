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

        @OptionGroup var connection: DatabaseOptions

        func database() throws -> PostgresClient {
            try connection.client(for: service)
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
            let before = try dueBefore.map(Timestamp.parse)
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
