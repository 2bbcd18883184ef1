import Assignment
import Foundation

/// The benchmark's figures: a table next to the targets, and optionally one JSON line.
final class Report {
    private var rows: [[String]] = []
    private var figures: [String: Any] = [:]

    func dense(n: Int, ours: Double, scipy: Double, total: Int, scipyTotal: Int) {
        let ratio = ours / scipy
        add(
            "dense \(n)² ours/scipy", String(format: "%.3f s / %.3f s", ours, scipy), String(format: "%.3f", ratio),
            String(format: "≤ 1.00 %@, totals %@", ratio <= 1 ? "met" : "MISSED", total == scipyTotal ? "equal" : "DIFFER")
        )
        figures["dense\(n)"] = [
            "oursSeconds": ours, "scipySeconds": scipy, "ratio": ratio, "total": total, "scipyTotal": scipyTotal,
            "totalsEqual": total == scipyTotal,
        ]
    }

    func sparse(seconds: Double, solution: AssignmentSolution, target: Double) {
        add(
            "sparse 10000×100000, 50/row", String(format: "%.3f s", seconds), "",
            String(format: "< %.0f s %@", target, seconds < target ? "met" : "MISSED")
        )
        figures["sparse10000x100000"] = ["seconds": seconds, "total": solution.total, "pairs": solution.pairs.count, "targetSeconds": target]
    }

    func parse(n: Int, bytes: Int, seconds: Double) {
        add("JSON parse dense \(n)² (\(bytes / 1_000_000) MB)", String(format: "%.3f s", seconds), "", "no target")
        figures["jsonParse\(n)"] = ["seconds": seconds, "bytes": bytes]
    }

    private func add(_ name: String, _ value: String, _ ratio: String, _ target: String) {
        rows.append([name, value, ratio, target])
        FileHandle.standardError.write(Data("  \(name): \(value) \(ratio) \(target)\n".utf8))
    }

    func print(json: Bool) {
        let all = [["figure", "value", "ratio", "target"]] + rows
        let widths = (0..<3).map { column in all.map { $0[column].count }.max()! }
        for row in all {
            Swift.print((0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + row[3])
        }
        if json, let data = try? JSONSerialization.data(withJSONObject: figures, options: .sortedKeys) {
            Swift.print(String(decoding: data, as: UTF8.self))
        }
    }
}
