import AMQPClient
import ArgumentParser
import Messaging

/// `spotjob dead-letters list|replay --service S`: what a service dead-lettered, and sending it
/// back where it first went once the cause is fixed.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters", abstract: "Inspect and replay a service's dead-letter queue.",
        subcommands: [List.self, Replay.self])

    struct Target: ParsableArguments {
        @OptionGroup var broker: BrokerOptions

        @OptionGroup var target: ServiceOption
        var service: String { target.service }

        @Option(help: "At most this many messages.")
        var limit = 100

        func consumer() throws -> AMQPConsumer {
            AMQPConsumer(
                configuration: try broker.configuration(as: .administrator), queue: SpotJobTopology.deadLetterQueue(of: service),
                prefetch: UInt16(min(limit, 1000)), logger: CLILogger.logger)
        }

        /// Takes up to ``limit`` dead letters, waiting briefly; they are unsettled until the caller settles them.
        func take(from consumer: AMQPConsumer) async -> [Delivery] {
            await QueuedMessages.take(from: consumer, limit: limit)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show dead letters (they stay in the queue).")
        @OptionGroup var target: Target

        func run() async throws {
            let consumer = try target.consumer()
            let letters = await target.take(from: consumer)
            for letter in letters {
                let headers = letter.properties.headers
                print("""
                    message \(letter.properties.messageID ?? "-")  type \(letter.properties.type ?? "-")  \
                    from \(headers[DeadLetter.originalRoutingKeyHeader]?.stringValue ?? "?")
                        reason: \(headers[DeadLetter.reasonHeader]?.stringValue ?? "(none: dead-lettered by the broker)")
                    """)
                await consumer.requeue(letter)
            }
            await consumer.close()
            print("\(letters.count) dead letter(s) in \(SpotJobTopology.deadLetterQueue(of: target.service))")
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish dead letters again to where they first went, under a new message id.")
        @OptionGroup var target: Target

        func run() async throws {
            let consumer = try target.consumer()
            let publisher = AMQPPublisher(configuration: try target.broker.configuration(as: .administrator), logger: CLILogger.logger)
            let letters = await target.take(from: consumer)
            let sealer = try target.target.sealer()
            var replayed = 0
            for letter in letters {
                guard let message = try DeadLetter.replay(of: letter, sealer: sealer) else {
                    print("kept \(letter.properties.messageID ?? "-"): it does not say where it came from")
                    await consumer.requeue(letter)
                    continue
                }
                try await publisher.publish(message)
                await consumer.ack(letter)
                replayed += 1
            }
            await consumer.close()
            await publisher.close()
            print("replayed \(replayed) of \(letters.count) dead letter(s)")
        }
    }
}
