import AMQPClient
import Logging
import Messaging
import PostgresClient
import Prometheus
import ServiceLifecycle

/// Runs the service a ``ServiceDeclaration`` describes: migrations, then the ``MessageConsumer``,
/// the ``OutboxRelay``, the ``TimerLoop`` (the service's timers and retention's) and the
/// ``HealthServer`` until SIGTERM or SIGINT.
///
/// On shutdown the consumer stops taking deliveries and finishes the batch in hand, then the relay
/// publishes what is left in the outbox, then the HTTP server and the connections close — within
/// ``shutdownDeadline``.
public struct ConsumingService<Handler: MessageHandler> {
    public let declaration: ServiceDeclaration<Handler>
    public let configuration: ServiceConfiguration
    public let metrics: PrometheusCollectorRegistry
    public let loggers: ServiceLoggers
    public static var shutdownDeadline: Duration { .seconds(9) }

    /// - Parameter metrics: the registry ``ObservabilitySetup/bootstrap()`` installed.
    public init(
        declaration: ServiceDeclaration<Handler>, configuration: ServiceConfiguration, metrics: PrometheusCollectorRegistry,
        loggers: ServiceLoggers
    ) {
        precondition(configuration.service == declaration.name, "the configuration of the service declared")
        self.declaration = declaration
        self.configuration = configuration
        self.metrics = metrics
        self.loggers = loggers
    }

    public func run() async throws {
        let service = configuration.service
        let databaseLogger = loggers.logger(.database, of: service)
        let amqp = try AMQPConfiguration(url: configuration.amqpURL)
        func database(_ role: String) -> PostgresClient {
            PostgresClient(
                configuration: PostgresConfiguration(
                    url: configuration.databaseURL, applicationName: "\(service)-\(role)", searchPath: configuration.schema),
                logger: databaseLogger)
        }
        let lanes = (1...configuration.lanes).map { database("lane-\($0)") }
        let relayDatabase = database("relay")
        // Every service runs a timer loop: retention is a timer, and the service's own timers go beside it.
        let timerDatabase = database("timers")
        let timerListener = PostgresListener(
            configuration: PostgresConfiguration(url: configuration.databaseURL, applicationName: "\(service)-timers-listen"),
            logger: databaseLogger)
        let publisher = AMQPPublisher(
            configuration: amqp, topology: SpotJobTopology.exchanges, logger: loggers.logger(.relay, of: service))
        let consumer = AMQPConsumer(
            configuration: amqp, queue: service, prefetch: UInt16(configuration.batchSize * 2),
            topology: SpotJobTopology.service(service, consumes: declaration.consumes), logger: loggers.logger(.consumer, of: service))
        func closeConnections() async {
            await consumer.close()
            await publisher.close()
            for lane in lanes { await lane.close() }
            await relayDatabase.close()
            await timerDatabase.close()
            await timerListener.close()
        }
        do {
            try await migrate(relayDatabase)
            try await relayDatabase.withConnection { try RetentionTimerHandler.arm(on: $0) }
            try await runGroup(
                consumer: consumer, lanes: lanes, publisher: publisher, relayDatabase: relayDatabase,
                timers: (timerDatabase, timerListener))
        } catch {
            await closeConnections()
            throw error
        }
        await closeConnections()
    }

    private func runGroup(
        consumer: AMQPConsumer, lanes: [PostgresClient], publisher: AMQPPublisher, relayDatabase: PostgresClient,
        timers: (database: PostgresClient, listener: PostgresListener)
    ) async throws {
        let service = configuration.service
        let relay = OutboxRelay(
            database: relayDatabase, publisher: publisher, schema: configuration.schema, logger: loggers.logger(.relay, of: service))
        let messageConsumer = MessageConsumer(
            service: service, consumer: consumer, publisher: publisher, lanes: lanes,
            handler: declaration.handler, rejections: declaration.rejections, relay: relay, batchSize: configuration.batchSize, logger: loggers.logger(.consumer, of: service))
        let health = HealthServer(
            host: configuration.httpHost, port: configuration.httpPort, registry: metrics, logger: loggers.logger(.health, of: service)
        ) {
            Readiness(
                database: (try? await relayDatabase.withConnection { _ in true }) ?? false,
                broker: await consumer.isConnected,
                consumer: messageConsumer.isRunning)
        }
        // Shut down in reverse order: first the consumer, then the timer loop, then the relay flushes, then HTTP.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: health.application()), .init(service: relay)]
        services.append(.init(service: TimerLoop(
            database: timers.database, listener: timers.listener,
            handler: declaration.timers.merging(TimerHandlers(
                [RetentionTimerHandler.kind: RetentionTimerHandler(policy: configuration.retention)])),
            relay: relay,
            logger: loggers.logger(.timers, of: service))))
        services.append(.init(service: messageConsumer))
        let logger = loggers.logger(.lifecycle, of: service)
        var groupConfiguration = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = Self.shutdownDeadline
        logger.info("service started", metadata: ["service": "\(service)", "queue": "\(service)", "lanes": "\(lanes.count)"])
        try await ServiceGroup(configuration: groupConfiguration).run()
        logger.info("service stopped", metadata: ["service": "\(service)"])
    }

    /// Applies pending migrations, waiting for the database to come up if it is not yet.
    private func migrate(_ database: PostgresClient) async throws {
        let logger = loggers.logger(.database, of: configuration.service)
        let migrator = Migrator(schema: configuration.schema, directories: configuration.migrationDirectories, logger: logger)
        var schedule = RetrySchedule(maximumAttempts: 15)
        while true {
            do {
                let applied = try await migrator.migrate(on: database)
                if !applied.isEmpty { logger.info("migrations applied", metadata: ["migrations": "\(applied)"]) }
                return
            } catch let error as PostgresError where error.isTransient {
                guard case .retry(let delay) = schedule.failed() else { throw error }
                logger.warning("database not reachable; retrying", metadata: ["error": "\(error)"])
                try await Task.sleep(for: delay)
            }
        }
    }
}
