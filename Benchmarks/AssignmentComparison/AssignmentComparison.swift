import Assignment
import Foundation

/// The solver's measurements, shared by `spotjob-bench-assignment` and `spotjob-bench matching`:
/// dense `n × n` against scipy's `linear_sum_assignment(maximize=True)` on the same seeded instance,
/// and the sparse 10,000 × 100,000 instance. Each time is the median of `repeats` solves on each
/// side; building the instances is not timed.
public enum AssignmentComparison {
    public static let defaultSeed: UInt64 = 20_260_601
    /// The sparse instance's target.
    public static let sparseTargetSeconds = 5.0

    public struct Dense: Sendable {
        public var n: Int
        public var oursSeconds: Double
        public var scipySeconds: Double
        public var total: Int
        public var scipyTotal: Int
        /// Ours over scipy's: at most 1 is the target.
        public var ratio: Double { oursSeconds / scipySeconds }
        public var totalsEqual: Bool { total == scipyTotal }
    }

    public struct Sparse: Sendable {
        public var rows: Int
        public var cols: Int
        public var perRow: Int
        public var seconds: Double
        public var solution: AssignmentSolution
    }

    /// The dense `n²` instance (seed `seed + n`) solved by both; the matrix goes to scipy as a raw file in `scratch`.
    public static func dense(n: Int, seed: UInt64 = defaultSeed, repeats: Int, scipy: SciPy, scratch: URL) throws -> Dense {
        let scores = Instances.dense(n: n, seed: seed &+ UInt64(n))
        let file = scratch.appendingPathComponent("dense-\(n).i32")
        try Instances.writeRaw(scores, to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let reference = try scipy.solve(rawFile: file, n: n, repeats: repeats)
        let problem = try AssignmentProblem(dense: scores)
        let (solution, seconds) = timedMedian(repeats: repeats) { AssignmentSolver.solve(problem) }
        return Dense(n: n, oursSeconds: seconds, scipySeconds: reference.seconds, total: solution.total, scipyTotal: reference.total)
    }

    /// `rows` openings × `cols` people, `perRow` random feasible people per opening (scores 0…100, capacities 1).
    public static func sparse(
        rows: Int = 10_000, cols: Int = 100_000, perRow: Int = 50, seed: UInt64 = defaultSeed, repeats: Int
    ) -> Sparse {
        let problem = Instances.sparse(rows: rows, cols: cols, perRow: perRow, seed: seed)
        let (solution, seconds) = timedMedian(repeats: repeats) { AssignmentSolver.solve(problem) }
        return Sparse(rows: rows, cols: cols, perRow: perRow, seconds: seconds, solution: solution)
    }

    /// A fresh folder for the raw matrices handed to scipy.
    public static func scratchDirectory() throws -> URL {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("spotjob-bench-assignment-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return scratch
    }
}
