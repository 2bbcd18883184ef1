import ArgumentParser
import Contracts
import Foundation
import Matching

/// `spotjob matches list --opening ID | for-candidate ID | explain --opening O --candidate C`.
struct MatchesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matches", abstract: "Read proposals and why they were made.",
        subcommands: [List.self, ForCandidate.self, Explain.self])

    static func printRecords(_ records: [ProposalStore.Record], json: Bool) throws {
        if json { return try Presentation.printJSON(records) }
        Presentation.printTable(
            ["PROPOSED", "OPENING", "RANK", "CANDIDATE", "SCORE", "WHY"],
            records.map { record in
                [Presentation.localTime(record.proposedAt), record.openingId.uuidString.lowercased(), "\(record.rank)",
                 record.candidateId, "\(record.score)",
                 record.criteria.map { "\($0.criterion) \($0.score)" }.joined(separator: ", ")]
            })
        print("\(records.count) proposal(s)")
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The current proposals for an opening, best first.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The openingId.") var opening: String
        @Flag(help: "Earlier proposals too.") var history = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let id = try UUIDArgument.parse(opening, "--opening")
            let client = try database.client(for: MatchingEvents.service)
            defer { Task { await client.close() } }
            let records = try await client.withConnection { [history] in try ProposalStore.records(openingId: id, history: history, on: $0) }
            try MatchesCommand.printRecords(records, json: json)
        }
    }

    struct ForCandidate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "for-candidate", abstract: "The openings a person is currently proposed for.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The candidateId.") var candidateId: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let client = try database.client(for: MatchingEvents.service)
            defer { Task { await client.close() } }
            let records = try await client.withConnection { [candidateId] in try ProposalStore.records(candidateId: candidateId, on: $0) }
            try MatchesCommand.printRecords(records, json: json)
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Why a person was or was not proposed for an opening, rule by rule.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The openingId.") var opening: String
        @Option(help: "The candidateId.") var candidate: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let id = try UUIDArgument.parse(opening, "--opening")
            let weights = (try? MatchingCLI.settings().weights) ?? MatchingWeights()
            let client = try database.client(for: MatchingEvents.service)
            defer { Task { await client.close() } }
            let today = MatchingCLI.today
            let explanation = try await client.withConnection { [candidate] connection -> MatchExplanation? in
                guard let opening = try MatchingOpeningStore.opening(id, on: connection),
                      let person = try CandidateStore.candidate(candidate, on: connection)
                else { return nil }
                let proposals = try ProposalStore.current(openingId: id, on: connection)
                return MatchExplanation(candidate: person, opening: opening.opening, proposals: proposals, today: today, weights: weights)
            }
            guard let explanation else { throw ValidationError("no such opening or candidate") }
            if json { return try Presentation.printJSON(explanation) }
            print(explanation.proposed
                  ? "\(candidate) is proposed for opening \(opening) as number \(explanation.rank ?? 0), score \(explanation.score ?? 0)"
                  : "\(candidate) is not proposed for opening \(opening)")
            print("\nRules (all must pass):")
            for rule in explanation.rules { print("  \(rule.passed ? "pass" : "FAIL")  \(rule.rule): \(rule.explanation)") }
            print("\nCriteria (weight × score):")
            for criterion in explanation.criteria {
                print("  \(criterion.criterion): \(criterion.weight) × \(criterion.score)  \(criterion.explanation)")
            }
        }
    }
}
