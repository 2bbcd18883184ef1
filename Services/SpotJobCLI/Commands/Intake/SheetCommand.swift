import AMQPClient
import ArgumentParser
import Foundation
import Contracts
import Messaging

/// `spotjob sheet submit FILE...`: publishes Spot et job sheets as `sheet.submitted`.
struct SheetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet", abstract: "Submit Spot et job sheets.", subcommands: [Submit.self])

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish sheets from JSON (an object or an array) or CSV files.",
            discussion: """
                Each sheet is sent as the jobcenter of its municipality ($JOBCENTER_<kommunekode>_AMQP_URL), \
                or with --from-event as Code of Care's event tooling. CSV: a header row with the field names of docs/messages.md (nested ones dotted: \
                company.cvr, contact.phone); tasks separated by |. Intake validates asynchronously: \
                see `spotjob openings list` and `spotjob sheets rejected`.
                """)

        @OptionGroup var broker: BrokerOptions

        @Flag(help: "The sheets come from Code of Care's own event: send them as its event tooling ($EVENT_TOOLING_AMQP_URL), which may send for any municipality.")
        var fromEvent = false

        @Argument(help: "JSON or CSV files.", completion: .file())
        var files: [String]

        func run() async throws {
            let sheets = try files.flatMap { file in try SheetFile.read(path: file).map { (file: file, sheet: $0) } }
            let envelopes = try await Publishing.publish(
                IntakeEvents.sheetSubmitted,
                bodies: sheets.map { (fromEvent ? .eventTooling : .jobcenter(about: $0.sheet.municipality), $0.sheet.body) }, broker: broker)
            let labels = sheets.map { "\($0.file): sheet \($0.sheet.sheetId ?? "(no sheetId)")" }
            for (label, envelope) in zip(labels, envelopes) {
                print("sent \(label) as message \(envelope.messageID.uuidString.lowercased())")
            }
            print("\(envelopes.count) sheet(s) confirmed by the broker")
        }
    }
}
