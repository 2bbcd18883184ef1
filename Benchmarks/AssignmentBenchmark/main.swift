import Assignment
import AssignmentComparison
import Foundation

/// `spotjob-bench-assignment [--sizes 2048,4096] [--repeat 3] [--json] [--seed N] [--repository PATH]`:
/// the assignment solver against scipy's `linear_sum_assignment(maximize=True)` on the same
/// seeded dense instances (scores 0…999), then the sparse 10,000 × 100,000 instance (50 distinct
/// random people per opening, scores 0…100, capacities 1) against its 5 s target, then the parse
/// time of a dense 4096² JSON file. Each solve time is the median of `--repeat` solves, on each
/// side; building the instances is not timed. Build with `-c release`; run from the repository
/// root, where `.local/venv` is (or pass `--repository`).
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let sizes = option("--sizes").map { $0.split(separator: ",").compactMap { Int($0) } } ?? [2048, 4096]
let seed = option("--seed").flatMap(UInt64.init) ?? AssignmentComparison.defaultSeed
let repository = URL(fileURLWithPath: option("--repository") ?? FileManager.default.currentDirectoryPath)
let repeats = option("--repeat").flatMap { Int($0) } ?? 3
let wantsJSON = arguments.contains("--json")

let report = Report()
do {
    let scipy = try SciPy.prepare(repository: repository)
    let scratch = try AssignmentComparison.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }

    for n in sizes {
        let dense = try AssignmentComparison.dense(n: n, seed: seed, repeats: repeats, scipy: scipy, scratch: scratch)
        report.dense(n: n, ours: dense.oursSeconds, scipy: dense.scipySeconds, total: dense.total, scipyTotal: dense.scipyTotal)
        guard dense.totalsEqual else {
            throw BenchmarkError("dense \(n)²: total \(dense.total) differs from scipy's \(dense.scipyTotal)")
        }
    }

    let sparse = AssignmentComparison.sparse(seed: seed, repeats: repeats)
    report.sparse(seconds: sparse.seconds, solution: sparse.solution, target: AssignmentComparison.sparseTargetSeconds)

    let jsonN = 4096
    let json = AssignmentJSON.data(of: try AssignmentProblem(dense: Instances.dense(n: jsonN, seed: seed)))
    let (_, parseSeconds) = try timed { try AssignmentJSON.problem(from: json) }
    report.parse(n: jsonN, bytes: json.count, seconds: parseSeconds)

    report.print(json: wantsJSON)
} catch {
    report.print(json: wantsJSON)
    FileHandle.standardError.write(Data("spotjob-bench-assignment: \(error)\n".utf8))
    exit(1)
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
