import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A service's real executable, started as its own process with the service role's credentials,
/// as an operator runs it. Its log goes to a file the test can read.
public final class ServiceProcess: Sendable {
    private let process = Process()
    public let logFile: URL
    /// The port of the service's health and metrics endpoints.
    public let httpPort: Int

    /// The directory of the running test bundle or benchmark, where `swift build` puts every
    /// executable of the package.
    public static var buildDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// What a billing process needs besides the stack: the repository's supplier and state mileage
    /// rates (`deploy/billing/`).
    public static let billingFiles: [String: String] = [
        "BILLING_SUPPLIER_FILE": ScratchSchema.repositoryRoot.appendingPathComponent("deploy/billing/supplier.json").path,
        "BILLING_MILEAGE_RATES_FILE": ScratchSchema.repositoryRoot.appendingPathComponent("deploy/billing/mileage-rates.csv").path,
    ]

    /// What a matching process needs besides the stack: a fresh pair of CPR keys (encryption and
    /// index, 32 random bytes in base64 each), so nothing it stores is readable with another run's.
    public static func freshCPRKeys() -> [String: String] {
        func key() -> String { Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString() }
        return ["CPR_ENCRYPTION_KEY": key(), "CPR_INDEX_KEY": key()]
    }

    /// Starts `service` (its executable has the service's name) from ``buildDirectory``.
    public init(service: String, stack: LocalStack, environment extra: [String: String] = [:]) throws {
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(service)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.executableURL = Self.buildDirectory.appendingPathComponent(service)
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = stack.databaseURL(service: service)
        environment["AMQP_URL"] = stack.amqpURL(service: service)
        environment["MIGRATIONS_DIR"] = ScratchSchema.migrationsDirectory.path
        environment["LOG_FORMAT"] = "json"
        environment["LOG_LEVEL"] = "debug"
        httpPort = Int(extra["HTTP_PORT"] ?? "") ?? freeLoopbackPort() ?? Int.random(in: 20_000..<25_000)
        environment["HTTP_PORT"] = "\(httpPort)"
        environment["HTTP_HOST"] = "127.0.0.1"
        process.environment = environment.merging(extra) { $1 }
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
    }

    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }
    public var exitStatus: Int32 { process.terminationStatus }

    /// The process's resident set size in bytes (`VmRSS` of `/proc/<pid>/status`).
    public var residentMemory: Int? { memoryStatus("VmRSS") }

    /// The process's peak resident set size so far in bytes (`VmHWM`): every peak, however short.
    public var peakResidentMemory: Int? { memoryStatus("VmHWM") }

    /// A size field of `/proc/<pid>/status`, in bytes.
    private func memoryStatus(_ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }

    /// Sends a signal without waiting (e.g. `SIGSTOP` and `SIGCONT` to pause and resume).
    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits until `GET /health/ready` answers 200: migrations done, connections up, consuming.
    public func waitUntilStarted(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await get("/health/ready").status == 200 { return }
            guard process.isRunning else {
                throw StartError(log: "exited (\(process.terminationReason == .exit ? "status" : "signal") \(process.terminationStatus))\n\(log)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StartError(log: log)
    }

    /// `GET path` on the service's HTTP port: status and body, status 0 when nothing answers.
    public func get(_ path: String) async -> (status: Int, body: String) {
        let port = httpPort
        return await Task.detached { LoopbackHTTP.get(port: port, path: path) ?? (0, "") }.value
    }

    /// Sends `signal` and waits for the process to end; returns how long that took.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM) async -> Duration {
        let start = ContinuousClock.now
        kill(process.processIdentifier, signal)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return ContinuousClock.now - start
    }

    public struct StartError: Error, CustomStringConvertible {
        public var log: String
        public var description: String { "the service did not start; its log:\n\(log)" }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: logFile)
    }
}
