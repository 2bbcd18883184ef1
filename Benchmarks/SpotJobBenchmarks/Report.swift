import Foundation

/// The benchmark's figures, printed as one table at the end.
final class Report: @unchecked Sendable {
    private struct Row {
        var name: String
        var value: String
        var ratio: String
        var target: String
    }

    private var rows: [Row] = []

    func rate(_ name: String, _ perSecond: Double, reference: Double? = nil, target: Double? = nil, unit: String = "msg/s") {
        var ratio = ""
        var verdict = ""
        if let reference {
            let value = perSecond / reference
            ratio = String(format: "%.2f", value)
            if let target { verdict = String(format: "≥ %.2f %@", target, value >= target ? "met" : "MISSED") }
        }
        add(name, String(format: "%.0f %@", perSecond, unit), ratio, verdict)
    }

    /// A resident memory figure in MiB, against `limitMiB` when there is one.
    func memory(_ name: String, bytes: Int, limitMiB: Int? = 64) {
        let verdict = limitMiB.map { bytes < $0 * 1_048_576 ? "< \($0) MiB met" : "< \($0) MiB MISSED" } ?? "reported"
        add(name, String(format: "%.1f MiB", Double(bytes) / 1_048_576), "", verdict)
    }

    func add(_ name: String, _ value: String, _ ratio: String = "", _ target: String = "") {
        rows.append(Row(name: name, value: value, ratio: ratio, target: target))
        FileHandle.standardError.write(Data("  \(name): \(value) \(ratio) \(target)\n".utf8))
    }

    /// The figures as one JSON line: `{"figures":[{"name":…,"value":…,"ratio":…,"target":…},…]}`.
    func printJSON() {
        let figures = rows.map { ["name": $0.name, "value": $0.value, "ratio": $0.ratio, "target": $0.target] }
        if let data = try? JSONSerialization.data(withJSONObject: ["figures": figures], options: [.sortedKeys]) {
            Swift.print(String(decoding: data, as: UTF8.self))
        }
    }

    func print() {
        let header = Row(name: "figure", value: "value", ratio: "ratio", target: "target")
        let all = [header] + rows
        let widths = [all.map(\.name.count).max()!, all.map(\.value.count).max()!, all.map(\.ratio.count).max()!]
        for row in all {
            Swift.print([
                row.name.padding(toLength: widths[0], withPad: " ", startingAt: 0),
                row.value.padding(toLength: widths[1], withPad: " ", startingAt: 0),
                row.ratio.padding(toLength: widths[2], withPad: " ", startingAt: 0),
                row.target,
            ].joined(separator: "  "))
        }
    }
}

/// Times `body` and returns items per second.
func measureRate(_ count: Int, _ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
