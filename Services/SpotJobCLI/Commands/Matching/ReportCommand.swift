import ArgumentParser
import Contracts
import Foundation
import Matching

/// `spotjob report star --month YYYY-MM`: the monthly STAR list (CPR and CVR of target-group starts).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Reports.", subcommands: [Star.self])

    struct Star: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The STAR list of a month: cpr;cvr;startDate;jobcenter, one row per target-group start.",
            discussion: """
                Each run is recorded (who, when, month, rows) and announced as report.star-generated (counts only) \
                through matching's outbox. Withdrawn people whose CPR number was kept for this report are erased \
                afterwards. The file holds CPR numbers: keep it as such.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(help: "Only this jobcenter (code or name).") var jobcenter: String?
        @Option(help: "Who asks for the report (recorded).") var requestedBy: String
        @Option(help: "Write the CSV here (mode 0600) instead of standard output, and show its rows with CPR numbers masked.", completion: .file()) var output: String?
        @Flag(help: "Print the run as JSON (counts only) after writing the file.") var json = false

        func run() async throws {
            guard let first = StarReport.month(month) else { throw ValidationError("--month must be YYYY-MM, from 2000-01 to 2100-12") }
            guard !requestedBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--requested-by must name someone") }
            let code = try jobcenter.map(MunicipalityArgument.code)
            let cipher = try MatchingCLI.settings().cprCipher
            let client = try database.client(for: MatchingEvents.service)
            defer { Task { await client.close() } }
            let report = try await client.transaction { [requestedBy] in
                try StarReport.generate(month: first, jobcenter: code, requestedBy: requestedBy, cipher: cipher, at: Date(), on: $0)
            }
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(report.csv.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw ValidationError("cannot write \(output); the run is recorded: generate the report again")
                }
                if json { return try Presentation.printJSON(report.event) }
                Presentation.printTable(["CPR", "CVR", "START", "JOBCENTER"], Self.screenRows(report.rows))
                print("wrote \(report.rows.count) row(s) to \(output) (run \(report.runId.uuidString.lowercased()); CPR numbers masked here, whole in the file)")
            } else {
                print(report.csv, terminator: "")
                if json { try Presentation.printJSON(report.event) }
            }
        }

        /// The rows as shown on screen: the CPR number masked (`DDMMYY-****`).
        static func screenRows(_ rows: [StarReport.Row]) -> [[String]] {
            rows.map { [$0.cpr.masked, $0.cvr, $0.startDate, $0.jobcenter] }
        }
    }
}
