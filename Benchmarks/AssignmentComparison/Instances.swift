import Assignment
import Foundation
import SeededRandom

/// The benchmark's seeded random instances.
public enum Instances {
    /// An `n × n` dense instance, every pair feasible, scores `0...999`.
    public static func dense(n: Int, seed: UInt64) -> DenseScores {
        var generator = SplitMix64(seed: seed)
        let values = (0..<(n * n)).map { _ in Int(generator.next() % 1000) }
        return try! DenseScores(rows: n, cols: n, values: values)
    }

    /// `rows` openings, `cols` people, each opening with `perRow` distinct feasible people drawn
    /// uniformly, scores `0...100`, capacities 1.
    public static func sparse(rows: Int, cols: Int, perRow: Int, seed: UInt64) -> AssignmentProblem {
        var generator = SplitMix64(seed: seed)
        var edges: [AssignmentEdge] = []
        edges.reserveCapacity(rows * perRow)
        for row in 0..<rows {
            var chosen = Set<Int>()
            while chosen.count < perRow {
                let col = Int(generator.next() % UInt64(cols))
                if chosen.insert(col).inserted {
                    edges.append(AssignmentEdge(row: row, col: col, score: Int(generator.next() % 101)))
                }
            }
        }
        return try! AssignmentProblem(rows: rows, cols: cols, edges: edges)
    }

    /// Writes `scores` as raw little-endian `Int32`s, row-major, for numpy's `fromfile`.
    public static func writeRaw(_ scores: DenseScores, to url: URL) throws {
        var bytes = Data(capacity: scores.values.count * 4)
        for value in scores.values {
            withUnsafeBytes(of: Int32(value).littleEndian) { bytes.append(contentsOf: $0) }
        }
        try bytes.write(to: url)
    }
}
