import Foundation
import Logging
import Messaging
import PostgresClient
import Prometheus
import ServiceRuntime
import TestSupport

/// A test-only service whose handler dies on one message: it consumes `<service>`'s queue on the
/// scratch schema `<schema>` as a service does, records each message's body in `effects` (created by
/// the test), and traps on the body `poison` after appending a line to `<attempts file>`, as a
/// message that crashes its service would. `PoisonTests` restarts it like a supervisor until the
/// queue is empty.
///
/// `PoisonProbe <database-url> <amqp-url> <schema> <service> <attempts file>`
let arguments = CommandLine.arguments
guard arguments.count == 6 else {
    FileHandle.standardError.write(Data("usage: PoisonProbe <database-url> <amqp-url> <schema> <service> <attempts-file>\n".utf8))
    exit(2)
}
let (databaseURL, amqpURL, schema, service, attemptsFile) = (arguments[1], arguments[2], arguments[3], arguments[4], arguments[5])

struct DyingHandler: SingleMessageHandler {
    let service: String
    let attemptsFile: String

    func handle(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult {
        let body = String(decoding: envelope.body, as: UTF8.self)
        if body == "poison" {
            let file = FileHandle(forWritingAtPath: attemptsFile)!
            file.seekToEndOfFile()
            file.write(Data("attempt\n".utf8))
            try file.close()
            fatalError("the poison message kills its consumer")
        }
        try connection.execute("INSERT INTO effects (message_id, body) VALUES ($1, $2)", [envelope.messageID, body])
        return .handled(events: [])
    }
}

let configuration = ServiceConfiguration(
    service: service, schema: schema, databaseURL: databaseURL, amqpURL: amqpURL,
    migrationDirectories: [ScratchSchema.migrationsDirectory.appendingPathComponent("common")], batchSize: 20, lanes: 1)
try await ConsumingService(
    declaration: ServiceDeclaration(
        name: service, consumes: ["test.\(service).ping"], handler: DyingHandler(service: service, attemptsFile: attemptsFile)),
    configuration: configuration, metrics: PrometheusCollectorRegistry(),
    loggers: ServiceLoggers { label in
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
).run()
