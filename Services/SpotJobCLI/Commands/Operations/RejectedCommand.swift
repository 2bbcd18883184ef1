import ArgumentParser
import Foundation
import Messaging
import PostgresClient

/// `spotjob rejected list|show|replay --service NAME`: the messages a service refused (its
/// `rejected_messages`), every error, and sending one again once its sender's fault is known to
/// be fixed, as every service keeps them alike.
struct RejectedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejected", abstract: "Read and replay the messages a service refused.",
        subcommands: [List.self, Show.self, Replay.self])

    /// How refusals are listed: the database, how many, and whether as JSON.
    struct Listing: ParsableArguments {
        @OptionGroup var database: DatabaseOptions

        @Option(help: "At most this many.")
        var limit = 50

        @Flag(help: "Print JSON.")
        var json = false

        /// Lists `service`'s refusals, newest first, without bodies.
        func print(service: String) async throws {
            let client = try database.client(for: service)
            defer { Task { await client.close() } }
            let records = try await client.withConnection { [limit] in try RejectedMessageStore.list(limit: limit, on: $0) }
            if json { return try Presentation.printJSON(records) }
            for record in records { RejectedCommand.describe(record) }
            Swift.print("\(records.count) refused message(s) in \(service)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List refused messages and why, newest first (no bodies).")

        @OptionGroup var target: ServiceOption
        @OptionGroup var listing: Listing

        func run() async throws {
            try await listing.print(service: target.service)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one refused message; with --body its raw body (matching's opened with the CPR keys).")

        @OptionGroup var target: ServiceOption
        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The refused message's id (messageId of its *.rejected event).")
        var messageId: String

        @Flag(help: "Also print the raw body as received.")
        var body = false

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let client = try database.client(for: target.service)
            defer { Task { await client.close() } }
            let (record, kept) = try await RejectedCommand.load(try UUIDArgument.parse(messageId, "MESSAGE-ID"), from: client, of: target)
            let text = body ? String(decoding: try RejectedCommand.open(kept, with: target), as: UTF8.self) : nil
            if json { return try Presentation.printJSON(Shown(record: record, body: text)) }
            RejectedCommand.describe(record)
            if let text { print(text) }
        }

        struct Shown: Encodable {
            var record: RejectedMessageStore.Record
            var body: String?
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a refused message again where it first went, as received, under a new message id.",
            discussion: "The old id goes in the x-spotjob-replay-of header; the inbox remembers it as refused.")

        @OptionGroup var target: ServiceOption
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var broker: BrokerOptions

        @Argument(help: "The refused message's id (messageId of its *.rejected event).")
        var messageId: String

        func run() async throws {
            let client = try database.client(for: target.service)
            defer { Task { await client.close() } }
            let (record, kept) = try await RejectedCommand.load(try UUIDArgument.parse(messageId, "MESSAGE-ID"), from: client, of: target)
            var message = Envelope(
                type: record.routingKey, correlationID: record.correlationId, producer: "spotjob-cli",
                body: try RejectedCommand.open(kept, with: target)
            ).outgoing(exchange: SpotJobTopology.exchange)
            message.properties.headers[DeadLetter.replayOfHeader] = .string(record.messageId.uuidString.lowercased())
            let publisher = try broker.publisher(as: .administrator)
            try await publisher.publish(message)
            await publisher.close()
            print("replayed \(record.messageId.uuidString.lowercased()) as \(message.properties.messageID ?? "-") (\(record.routingKey))")
        }
    }

    /// The refusal of `id` and its body, or a validation error naming what is missing.
    static func load(
        _ id: UUID, from client: PostgresClient, of target: ServiceOption
    ) async throws -> (RejectedMessageStore.Record, RejectedMessageStore.Body) {
        let (record, kept) = try await client.withConnection { connection in
            (try RejectedMessageStore.record(id, on: connection), try RejectedMessageStore.body(id, on: connection))
        }
        guard let record, let kept else { throw ValidationError("\(target.service) keeps no refused message with this id") }
        return (record, kept)
    }

    /// The kept body as received.
    static func open(_ body: RejectedMessageStore.Body, with target: ServiceOption) throws -> [UInt8] {
        switch body {
        case .plain(let bytes): return bytes
        case .sealed(let sealed):
            guard let sealer = try target.sealer() else { throw ValidationError("\(target.service) does not seal bodies") }
            return try sealer.open(sealed.bytes)
        }
    }

    static func describe(_ record: RejectedMessageStore.Record) {
        print("""
            \(Presentation.localTime(record.receivedAt))  \(record.routingKey)  \(record.subject ?? "(no subject)")  \
            message \(record.messageId.uuidString.lowercased())\(record.bodySealed ? "  (body sealed)" : "")
            """)
        for error in record.errors {
            print("    \(error.field): \(error.message) [\(error.code.rawValue)]")
        }
    }
}
