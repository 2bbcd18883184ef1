import Foundation
import TestSupport

/// The real `intake` executable, started as its own process with the intake role's credentials,
/// as an operator runs it. Its log goes to a file the test can read.
final class IntakeProcess {
    private let process = Process()
    let logFile: URL

    /// The `intake` binary built next to the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("intake")
    }

    init(stack: LocalStack, environment extra: [String: String] = [:]) throws {
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.executableURL = Self.executable
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = stack.databaseURL(service: "intake")
        environment["AMQP_URL"] = stack.amqpURL(service: "intake")
        environment["MIGRATIONS_DIR"] = ScratchSchema.migrationsDirectory.path
        environment["LOG_FORMAT"] = "json"
        environment["LOG_LEVEL"] = "debug"
        process.environment = environment.merging(extra) { $1 }
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
    var isRunning: Bool { process.isRunning }
    var pid: Int32 { process.processIdentifier }

    /// Waits until the service logged that it consumes (migrations done, connections up).
    func waitUntilStarted(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if log.contains("consumer connected") { return }
            guard process.isRunning else { throw StartError(log: log) }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StartError(log: log)
    }

    /// Sends `signal` and waits for the process to end; returns how long that took.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) async -> Duration {
        let start = ContinuousClock.now
        kill(process.processIdentifier, signal)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return ContinuousClock.now - start
    }

    var exitStatus: Int32 { process.terminationStatus }

    struct StartError: Error, CustomStringConvertible {
        var log: String
        var description: String { "intake did not start; its log:\n\(log)" }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: logFile)
    }
}
