import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program the test starts and later stops (`tcpdump`, `amqp-consume`), with what it writes to
/// standard output and error kept in a file.
final class BackgroundProcess {
    private let process = Process()
    private let outputFile: URL

    init(_ arguments: [String], environment: [String: String]? = nil) throws {
        outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("background-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let handle = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: outputFile)
    }

    /// What it has written so far.
    var output: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }

    /// Kills it (SIGKILL) and waits until it exited. A process started here inherits the test
    /// process's blocked signals, so SIGINT or SIGTERM would wait forever; tcpdump (`-U`) has written
    /// each frame as it came.
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
