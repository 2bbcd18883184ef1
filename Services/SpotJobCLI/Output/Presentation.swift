import Chronology
import Foundation
import JSON

/// How the CLI shows things to people: times in Europe/Copenhagen, aligned columns; and JSON for
/// scripts, with the same encoder as events.
enum Presentation {
    /// `2017-05-15 14:00` in Danish local time.
    static func localTime(_ date: Date) -> String {
        guard let local = Copenhagen.localDateTime(at: date) else { return RFC3339.format(date) }
        return "\(local.date) \(twoDigits(local.hour)):\(twoDigits(local.minute))"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func printJSON(_ value: some Encodable) throws {
        print(String(decoding: try JSONCoding.prettyPrinted(value), as: UTF8.self))
    }

    /// Prints `rows` under `header` with each column as wide as its widest cell.
    static func printTable(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }
}
