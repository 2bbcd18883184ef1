import Foundation

/// A program run to its end by the network test, as root: `ip`, `iptables`, `sysctl`.
enum Command {
    struct Failed: Error, CustomStringConvertible {
        let command: [String]
        let status: Int32
        let output: String
        var description: String { "\(command.joined(separator: " ")) exited \(status): \(output)" }
    }

    /// Runs `arguments` (the first found on `PATH`), returning its standard output; fails when it
    /// exits other than 0, with what it wrote.
    @discardableResult
    static func run(_ arguments: [String], standardInput: String? = nil, environment: [String: String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input
        try process.run()
        if let standardInput { input.fileHandleForWriting.write(Data(standardInput.utf8)) }
        try input.fileHandleForWriting.close()
        let written = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: written, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw Failed(command: arguments, status: process.terminationStatus, output: text) }
        return text
    }
}
