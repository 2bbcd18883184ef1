import Foundation
import TestSupport

/// The four services, each a real process started from the build directory as its own role, kept
/// on the same health port across restarts.
actor ServiceFleet {
    static let services = LocalStack.services

    /// A service that did not answer `/health/ready` in time after a (re)start.
    struct NotRecovered: Error, CustomStringConvertible {
        let service: String
        let logTail: String
        var description: String { "\(service) did not become ready again; the end of its log:\n\(logTail)" }
    }

    private let stack: LocalStack
    private let environment: [String: String]
    private var processes: [String: ServiceProcess] = [:]
    private var ports: [String: Int] = [:]
    /// Times a service exited by itself (not killed by the run) and was started again.
    private(set) var selfExits: [String: Int] = [:]

    /// `environment` is added to every service's (billing's files and number series, log level).
    init(stack: LocalStack, environment: [String: String]) {
        self.stack = stack
        self.environment = environment
    }

    /// Starts every service and waits until each is ready.
    func startAll(timeout: Duration) async throws {
        for service in Self.services { try start(service) }
        for service in Self.services { try await waitUntilReady(service, timeout: timeout) }
    }

    /// `kill -9`, then starts it again at once (without waiting for it to be ready).
    func killAndRestart(_ service: String) async throws {
        await processes[service]?.stop(signal: SIGKILL)
        try start(service)
    }

    /// Waits until `service` answers ready, starting it again whenever it exits by itself (a
    /// service that cannot reach the database or broker at start exits, as under compose's
    /// `restart: on-failure`).
    func waitUntilReady(_ service: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let process = processes[service], process.isRunning {
                if await process.get("/health/ready").status == 200 { return }
            } else {
                if processes[service] != nil { selfExits[service, default: 0] += 1 }
                try start(service)
            }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = processes[service]?.log ?? ""
        throw NotRecovered(service: service, logTail: log.split(separator: "\n").suffix(15).joined(separator: "\n"))
    }

    /// Stops every service (gracefully by default), waiting for each to end.
    func stopAll(signal: Int32 = SIGTERM) async {
        for process in processes.values where process.isRunning { await process.stop(signal: signal) }
        processes = [:]
    }

    private func start(_ service: String) throws {
        var extra = environment
        if let port = ports[service] { extra["HTTP_PORT"] = String(port) }
        let process = try ServiceProcess(service: service, stack: stack, environment: extra)
        ports[service] = process.httpPort
        processes[service] = process
    }
}
