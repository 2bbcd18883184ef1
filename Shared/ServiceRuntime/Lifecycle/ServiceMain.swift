import Foundation
import Logging
import Messaging

/// A service executable's `main`: its declaration and the kit's configuration from the
/// environment, logging and metrics, then ``ConsumingService`` until SIGTERM. See
/// ``ServiceDeclaration`` for a whole `main.swift`.
public enum ServiceMain {
    /// Runs the service `declare` describes, given the process environment (for the service's own
    /// settings). A configuration error, the kit's or the service's, is written once to standard
    /// error with the variable's name, and the process exits with status 2; it exits with 1 when the
    /// service stops with an error, 0 after a graceful shutdown.
    public static func run<Handler: MessageHandler>(
        _ declare: sending ([String: String]) throws -> ServiceDeclaration<Handler>
    ) async -> Never {
        let environment = ProcessInfo.processInfo.environment
        let configuration: ServiceConfiguration
        let declaration: ServiceDeclaration<Handler>
        do {
            declaration = try declare(environment)
            configuration = try ServiceConfiguration(service: declaration.name, environment: environment)
        } catch {
            let name = URL(fileURLWithPath: CommandLine.arguments.first ?? "service").lastPathComponent
            FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
            exit(2)
        }
        LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let metrics = ObservabilitySetup.bootstrap()
        let loggers = ServiceLoggers.bootstrapped
        let logger = loggers.logger(.lifecycle, of: declaration.name)
        do {
            try await ConsumingService(declaration: declaration, configuration: configuration, metrics: metrics, loggers: loggers).run()
        } catch {
            logger.critical("\(declaration.name) stopped with an error", metadata: ["error": "\(error)"])
            exit(1)
        }
        exit(0)
    }
}
