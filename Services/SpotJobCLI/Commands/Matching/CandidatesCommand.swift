import ArgumentParser
import Contracts
import Matching

/// `spotjob candidates list|show ID`: candidate profiles, the CPR number masked (`DDMMYY-****`).
struct CandidatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates", abstract: "Read (CPR masked) and submit candidate profiles.", subcommands: [List.self, Show.self, Submit.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List candidates, newest first.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this jobcenter: a kommunekode or a name.") var jobcenter: String?
        @Option(help: "At most this many.") var limit = 50
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let code = try jobcenter.map(MunicipalityArgument.code)
            let cipher = try? MatchingCLI.settings().cprCipher
            let client = try database.client(for: MatchingEvents.service)
            defer { Task { await client.close() } }
            let rows = try await client.withConnection { [limit] in
                try CandidateStore.list(jobcenter: code, limit: limit, cipher: cipher, on: $0)
            }
            if json { return try Presentation.printJSON(rows) }
            Presentation.printTable(
                ["REGISTERED", "CANDIDATE", "REV", "STATUS", "CPR", "JOBCENTER", "CATEGORIES", "HOURS", "JOBS", "SINCE"],
                rows.map { row in
                    [Presentation.localTime(row.registeredAt), row.candidateId, "\(row.revision)", row.status, row.cpr,
                     row.jobcenter, row.profile.categories.map(\.danishLabel).joined(separator: ", "), "\(row.profile.hours)",
                     "\(row.profile.activePlacements)/\(row.profile.maxJobs)", "\(row.profile.unemployedSince)"]
                })
            print("\(rows.count) candidate(s)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One candidate's profile.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The candidateId.") var candidateId: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let cipher = try? MatchingCLI.settings().cprCipher
            let client = try database.client(for: MatchingEvents.service)
            defer { Task { await client.close() } }
            let rows = try await client.withConnection { [candidateId] in
                try CandidateStore.list(candidateId: candidateId, limit: 1, cipher: cipher, on: $0)
            }
            guard let row = rows.first else { throw ValidationError("no candidate \(candidateId)") }
            if json { return try Presentation.printJSON(row) }
            let profile = row.profile
            for (label, value) in [
                ("candidate", row.candidateId), ("revision", "\(row.revision)"), ("status", row.status), ("cpr", row.cpr),
                ("jobcenter", row.jobcenter), ("home", profile.homeMunicipality),
                ("can work in", profile.workMunicipalities.joined(separator: ", ")),
                ("categories", profile.categories.map(\.danishLabel).joined(separator: ", ")),
                ("tasks", profile.tasks.map(\.description).joined(separator: ", ")), ("hours a week", "\(profile.hours)"),
                ("job types", profile.jobTypes.map(\.rawValue).joined(separator: ", ")),
                ("jobs", "\(profile.activePlacements) of at most \(profile.maxJobs)"),
                ("out of work since", "\(profile.unemployedSince)"), ("available from", "\(profile.availableFrom)"),
                ("note", row.note ?? ""), ("registered", Presentation.localTime(row.registeredAt)),
                ("updated", Presentation.localTime(row.updatedAt)),
            ] {
                print("\(label.padding(toLength: 18, withPad: " ", startingAt: 0)) \(value)")
            }
        }
    }
}
