import Foundation
import JSON

/// What the run prints: the checks as a table (expected, found, lost, duplicated), the duplicate
/// deliveries on the wire, the faults injected, and one final JSON line with all of it.
struct ChaosReport: Encodable {
    let runID: String
    let scale: Int
    let seed: UInt64
    var rows: [CheckRow] = []
    /// Deliveries of a message id the observer had seen before, per routing key.
    var duplicateDeliveries: [String: Int] = [:]
    var deliveries = 0
    var faults: [FaultRecord] = []
    var selfExits: [String: Int] = [:]
    var republishedBatches = 0
    /// Inputs never confirmed by the broker, per routing key.
    var unsent: [String: Int] = [:]
    var seconds = 0.0
    /// Why the run could not finish (timeout, a service that did not recover), if so.
    var failure: String?

    var lost: Int { rows.reduce(0) { $0 + $1.lost } }
    var duplicated: Int { rows.reduce(0) { $0 + $1.duplicated } }
    var passed: Bool { failure == nil && lost == 0 && duplicated == 0 && !rows.isEmpty }

    func print(json: Bool) {
        var out = "\nspotjob-chaos run \(runID): scale \(scale), seed \(seed), \(String(format: "%.1f", seconds)) s\n\n"
        let width = max(40, rows.map(\.check.count).max() ?? 0)
        out += pad("check", width) + "  expected     found      lost  duplicated\n"
        for row in rows {
            out += pad(row.check, width) + "  " + [row.expected, row.found, row.lost, row.duplicated].map { number($0, 8) }.joined(separator: "  ") + "\n"
        }
        out += "\nduplicate deliveries on the wire (same message id again; harmless, dropped by the inboxes): "
        out += "\(duplicateDeliveries.values.reduce(0, +)) of \(deliveries)\n"
        for (key, count) in duplicateDeliveries.sorted(by: { $0.key < $1.key }) { out += "  \(pad(key, 36)) \(count)\n" }
        out += "\nfaults (\(faults.count)), seconds after the drive started:\n"
        for fault in faults {
            out += "  \(String(format: "%6.1f", fault.at)) s  \(fault.name) (took \(String(format: "%.1f", fault.took)) s)\n"
        }
        if !selfExits.isEmpty { out += "services that exited by themselves and were started again: \(selfExits)\n" }
        out += "batches published again after a failed publish: \(republishedBatches)\n"
        if !unsent.isEmpty { out += "inputs never confirmed, per routing key: \(unsent)\n" }
        if let failure { out += "\nFAILED: \(failure)\n" }
        out += passed ? "\nPASS: nothing lost, nothing duplicated\n" : "\nFAIL: \(lost) lost, \(duplicated) duplicated\n"
        FileHandle.standardOutput.write(Data(out.utf8))
        if json, let line = try? JSONCoding.encoder.encode(self) {
            FileHandle.standardOutput.write(Data(line + [UInt8(ascii: "\n")]))
        }
    }

    private func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
    private func number(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

extension ChaosReport {
    private enum CodingKeys: String, CodingKey {
        case runID, scale, seed, rows, duplicateDeliveries, deliveries, faults, selfExits, republishedBatches, unsent, seconds, failure
        case lost, duplicated, passed
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(scale, forKey: .scale)
        try container.encode(seed, forKey: .seed)
        try container.encode(rows, forKey: .rows)
        try container.encode(duplicateDeliveries, forKey: .duplicateDeliveries)
        try container.encode(deliveries, forKey: .deliveries)
        try container.encode(faults, forKey: .faults)
        try container.encode(selfExits, forKey: .selfExits)
        try container.encode(republishedBatches, forKey: .republishedBatches)
        try container.encode(unsent, forKey: .unsent)
        try container.encode(seconds, forKey: .seconds)
        try container.encodeIfPresent(failure, forKey: .failure)
        try container.encode(lost, forKey: .lost)
        try container.encode(duplicated, forKey: .duplicated)
        try container.encode(passed, forKey: .passed)
    }
}
