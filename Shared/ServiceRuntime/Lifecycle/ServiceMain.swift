import Foundation
import Logging
import Messaging

/// A service executable's `main`: configuration from the environment, logging and metrics, then
/// ``ConsumingService`` until SIGTERM.
///
/// ```swift
/// @main
/// enum IntakeMain {
///     static func main() async {
///         await ServiceMain.run(service: IntakeEvents.service) { _ in IntakeHandler() }
///     }
/// }
/// ```
public enum ServiceMain {
    /// Runs `service` with the handler `makeHandler` builds from the process environment (for the
    /// service's own settings), and its timers with `timerHandler` when it has some; `rejectedTable`
    /// names its table of refused messages, which retention empties of old bodies. Exits with
    /// status 2 when the configuration is invalid, 1 when the service stops with an error, 0 after a
    /// graceful shutdown.
    public static func run<Handler: MessageHandler>(
        service: String, rejectedTable: String? = nil, timerHandler: (any TimerHandler)? = nil,
        makeHandler: sending ([String: String]) throws -> Handler
    ) async -> Never {
        let environment = ProcessInfo.processInfo.environment
        var configuration: ServiceConfiguration
        let handler: Handler
        do {
            configuration = try ServiceConfiguration(service: service, environment: environment)
            configuration.retention.rejectedTable = rejectedTable
            handler = try makeHandler(environment)
        } catch {
            FileHandle.standardError.write(Data("\(service): \(error)\n".utf8))
            exit(2)
        }
        LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let metrics = ObservabilitySetup.bootstrap()
        let loggers = ServiceLoggers.bootstrapped
        let logger = loggers.logger(.lifecycle, of: service)
        do {
            try await ConsumingService(
                configuration: configuration, handler: handler, metrics: metrics, loggers: loggers, timerHandler: timerHandler
            ).run()
        } catch {
            logger.critical("\(service) stopped with an error", metadata: ["error": "\(error)"])
            exit(1)
        }
        exit(0)
    }
}
