import ArgumentParser
import Contracts
import Foundation
import Matching

/// `spotjob matching assign | rotate-key`.
///
/// Events these commands produce (`assignment.proposed`) are written to matching's outbox in the
/// transaction of the run, with matching's database role: the running matching service relays them
/// (its sweep publishes outbox rows older than 5 seconds). So the CLI needs no broker user of
/// matching's, and a run is never recorded without its event, nor the other way round.
struct MatchingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matching", abstract: "Optimal assignment and key rotation.", subcommands: [Assign.self, RotateKey.self])

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The assignment of people to open positions with the greatest total score; publishes assignment.proposed.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only openings in this municipality and candidates of its jobcenter (code or name).") var jobcenter: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let code = try jobcenter.map(MunicipalityArgument.code)
            let weights = (try? MatchingCLI.settings().weights) ?? MatchingWeights()
            let client = try database.client(for: MatchingEvents.service)
            defer { Task { await client.close() } }
            let run = try await client.transaction { try AssignmentRun.run(jobcenter: code, weights: weights, at: Date(), on: $0) }
            if json { return try Presentation.printJSON(run) }
            Presentation.printTable(
                ["OPENING", "CANDIDATE", "SCORE"],
                run.assignments.map { [$0.openingId.uuidString.lowercased(), $0.candidateId, "\($0.score)"] })
            print("run \(run.runId.uuidString.lowercased()): \(run.assignments.count) pair(s), total score \(run.totalScore), "
                  + "\(run.unassignedOpenings) opening(s) without anyone, \(run.durationMs) ms")
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Re-encrypt stored CPR numbers and refused bodies under CPR_ENCRYPTION_KEY.",
            discussion: "Set the new key as CPR_ENCRYPTION_KEY and the old ones in CPR_PREVIOUS_ENCRYPTION_KEYS, here and in the service.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let settings = try MatchingCLI.settings()
            let client = try database.client(for: MatchingEvents.service)
            defer { Task { await client.close() } }
            let changed = try await client.transaction { try KeyRotation.rotate(settings: settings, on: $0) }
            print("re-encrypted \(changed.candidates) CPR number(s) and \(changed.rejectedMessages) refused body(ies) under key \(settings.keys.encryption.current.id)")
        }
    }
}
