import Foundation
import Logging
import Messaging
import PostgresClient

/// A test-only process that fires the timers of a scratch schema until it is killed, recording
/// each firing in `timer_effects` (created by the test) and emitting one outbox event per timer.
/// `TimerIntegrationTests` kills it with SIGKILL in the middle of firing.
///
/// `TimerProbe <database-url> <schema> <milliseconds held in each firing transaction>`
let arguments = CommandLine.arguments
guard arguments.count == 4, let hold = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: TimerProbe <database-url> <schema> <hold-ms>\n".utf8))
    exit(2)
}
let (url, schema) = (arguments[1], arguments[2])

struct EffectRecorder: TimerHandler {
    let hold: Int

    func fire(_ timers: [DueTimer], on connection: PostgresConnection) throws -> [OutboxEvent] {
        try connection.execute(
            "INSERT INTO timer_effects (kind, key, due_at) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])",
            [PostgresArray(timers.map(\.kind)), PostgresArray(timers.map(\.key)), PostgresArray(timers.map(\.dueAt))])
        // Held open, so a kill is likely to land inside a transaction.
        usleep(useconds_t(hold * 1000))
        return try timers.map { try OutboxEvent(type: "test.timer.fired", payload: ["key": $0.key], producer: "timer-probe") }
    }
}

var logger = Logger(label: "timer-probe")
logger.logLevel = .warning
let loop = TimerLoop(
    database: PostgresClient(configuration: PostgresConfiguration(url: url, applicationName: "timer-probe", searchPath: schema), logger: logger),
    listener: PostgresListener(configuration: PostgresConfiguration(url: url, applicationName: "timer-probe-listen"), logger: logger),
    handler: EffectRecorder(hold: hold), relay: nil, configuration: .init(batchSize: 100), logger: logger)


try await loop.run()
