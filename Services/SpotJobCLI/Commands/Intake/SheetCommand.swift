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
                CSV: a header row with the field names of docs/messages.md (nested ones dotted: \
                company.cvr, contact.phone); tasks separated by |. Intake validates asynchronously: \
                see `spotjob openings list` and `spotjob sheets rejected`.
                """)

        @OptionGroup var broker: BrokerOptions

        @Argument(help: "JSON or CSV files.", completion: .file())
        var files: [String]

        func run() async throws {
            var messages: [(label: String, envelope: Envelope)] = []
            for file in files {
                for sheet in try SheetFile.read(path: file) {
                    let envelope = Envelope(type: IntakeEvents.sheetSubmitted, producer: "spotjob-cli", body: sheet.body)
                    messages.append(("\(file): sheet \(sheet.sheetId ?? "(no sheetId)")", envelope))
                }
            }
            let publisher = try broker.publisher(as: .jobcenter)
            defer { Task { await publisher.close() } }
            try await publisher.publish(messages.map { $0.envelope.outgoing(exchange: SpotJobTopology.exchange) })
            for (label, envelope) in messages {
                print("sent \(label) as message \(envelope.messageID.uuidString.lowercased())")
            }
            print("\(messages.count) sheet(s) confirmed by the broker")
        }
    }
}
