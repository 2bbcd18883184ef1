import Foundation
import Logging
import SeededRandom
import TestSupport

/// One fault of the run, at a moment after the drive started.
struct Fault: Sendable {
    enum Kind: Sendable, Equatable {
        case kill(String)
        case restartRabbitMQ
        case restartPostgres
    }
    let at: Duration
    let kind: Kind

    var name: String {
        switch kind {
        case .kill(let service): "kill -9 \(service)"
        case .restartRabbitMQ: "restart RabbitMQ"
        case .restartPostgres: "restart PostgreSQL"
        }
    }
}

/// What a fault did: when it happened (seconds after the drive started) and how long it took.
struct FaultRecord: Sendable, Encodable {
    let name: String
    let at: Double
    let took: Double
}

/// Kills each service `killsPerService` times and restarts RabbitMQ and PostgreSQL once, at random
/// moments of a window, one fault after the other.
struct FaultInjector {
    let fleet: ServiceFleet
    let stack: LocalStack
    let logger: Logger
    /// How long a service may take to be ready again before the run fails.
    let recoveryTimeout: Duration

    /// The faults at random moments within `window`, earliest first.
    static func schedule(window: Duration, killsPerService: Int, using random: inout SplitMix64) -> [Fault] {
        let milliseconds = Int(window / .milliseconds(1))
        func moment() -> Duration { .milliseconds(Int.random(in: 1_000...max(1_001, milliseconds), using: &random)) }
        var faults = ServiceFleet.services.flatMap { service in
            (0..<killsPerService).map { _ in Fault(at: moment(), kind: .kill(service)) }
        }
        faults.append(Fault(at: moment(), kind: .restartRabbitMQ))
        faults.append(Fault(at: moment(), kind: .restartPostgres))
        return faults.sorted { $0.at < $1.at }
    }

    /// Runs `faults` against the stack; a killed service is started again at once, and is first
    /// waited for (ready) before it is killed again, so each kill hits a working service.
    func run(_ faults: [Fault], from start: ContinuousClock.Instant) async throws -> [FaultRecord] {
        var records: [FaultRecord] = []
        for fault in faults {
            try await Task.sleep(until: start + fault.at)
            if case .kill(let service) = fault.kind {
                try await fleet.waitUntilReady(service, timeout: recoveryTimeout)
            }
            let began = ContinuousClock.now
            switch fault.kind {
            case .kill(let service): try await fleet.killAndRestart(service)
            case .restartRabbitMQ: try await stack.restartRabbitMQ()
            case .restartPostgres: try await stack.restartPostgres()
            }
            let record = FaultRecord(name: fault.name, at: (began - start).seconds, took: (ContinuousClock.now - began).seconds)
            logger.info("fault injected", metadata: ["fault": "\(record.name)", "at_s": "\(record.at)"])
            records.append(record)
        }
        return records
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
