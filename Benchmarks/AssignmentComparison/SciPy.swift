import Foundation

/// Runs `scipy.optimize.linear_sum_assignment(maximize=True)` in the repository's venv
/// `.local/venv`, creating it with scipy and numpy when it is missing (the only network use).
public struct SciPy: Sendable {
    public let python: URL

    /// The venv's python, made first if need be.
    public static func prepare(repository: URL) throws -> SciPy {
        let venv = repository.appendingPathComponent(".local/venv")
        let python = venv.appendingPathComponent("bin/python")
        if !FileManager.default.isExecutableFile(atPath: python.path) {
            FileHandle.standardError.write(Data("creating \(venv.path) with scipy and numpy\n".utf8))
            try run("/usr/bin/env", ["python3", "-m", "venv", venv.path])
            try run(venv.appendingPathComponent("bin/pip").path, ["install", "--quiet", "scipy", "numpy"])
        }
        return SciPy(python: python)
    }

    /// scipy's optimum total and the median seconds of `repeats` solves, on the `n × n` raw
    /// Int32 file at `url`. The matrix is handed over as float64 (what scipy converts to anyway), so the
    /// timing covers only `linear_sum_assignment` itself, including its negation for `maximize`.
    public func solve(rawFile url: URL, n: Int, repeats: Int) throws -> (total: Int, seconds: Double) {
        let script = """
            import json, sys, time
            import numpy as np
            from scipy.optimize import linear_sum_assignment
            n = int(sys.argv[2])
            scores = np.fromfile(sys.argv[1], dtype='<i4').reshape(n, n).astype(np.float64)
            times = []
            for _ in range(int(sys.argv[3])):
                start = time.perf_counter()
                rows, cols = linear_sum_assignment(scores, maximize=True)
                times.append(time.perf_counter() - start)
            times.sort()
            print(json.dumps({"total": int(scores[rows, cols].sum()), "seconds": times[len(times) // 2]}))
            """
        let output = try Self.run(python.path, ["-c", script, url.path, String(n), String(repeats)])
        guard let object = try JSONSerialization.jsonObject(with: output) as? [String: Any],
              let total = (object["total"] as? NSNumber)?.intValue,
              let seconds = (object["seconds"] as? NSNumber)?.doubleValue
        else { throw SciPyError("unexpected scipy output: \(String(decoding: output, as: UTF8.self))") }
        return (total, seconds)
    }

    @discardableResult
    private static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SciPyError("\(executable) \(arguments.first ?? "") exited with \(process.terminationStatus)")
        }
        return data
    }
}

/// scipy or its venv failed.
public struct SciPyError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
