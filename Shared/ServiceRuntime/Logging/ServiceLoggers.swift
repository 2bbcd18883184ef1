import Logging

/// A service's loggers, one label per component (`spotjob.intake.consumer`,
/// `spotjob.intake.relay`, …), so a log line says which part of which service wrote it.
public struct ServiceLoggers: Sendable {
    private let make: @Sendable (String) -> Logger

    /// Loggers made by `make` from each component's full label.
    public init(_ make: @escaping @Sendable (_ label: String) -> Logger) {
        self.make = make
    }

    /// Loggers of the handler ``LoggingSetup/bootstrap(format:level:)`` installed, at its level.
    public static let bootstrapped = ServiceLoggers { Logger(label: $0) }

    /// The logger of `component` of `service`, labelled `spotjob.<service>.<component>`.
    public func logger(_ component: Component, of service: String) -> Logger {
        make("spotjob.\(service).\(component.rawValue)")
    }

    /// The parts of a running service.
    public enum Component: String, Sendable {
        /// Taking deliveries, applying them, dead-lettering (`MessageConsumer`, its AMQP consumer).
        case consumer
        /// Publishing events after commit (`OutboxRelay`, its AMQP publisher).
        case relay
        /// Firing timers, retention among them (`TimerLoop`).
        case timers
        /// The service's PostgreSQL sessions and migrations.
        case database
        /// Health and metrics over HTTP.
        case health
        /// Starting and stopping (the service group).
        case lifecycle
    }
}
