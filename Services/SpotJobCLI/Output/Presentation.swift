import Foundation
import Messaging

/// How the CLI shows things to people: times in Europe/Copenhagen, aligned columns; and JSON for
/// scripts, with the same encoder as events.
enum Presentation {
    private static let copenhagen = TimeZone(identifier: "Europe/Copenhagen")!

    /// `2017-05-15 14:00` in Danish local time.
    static func localTime(_ date: Date) -> String {
        var style = Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            timeZone: copenhagen, calendar: Calendar(identifier: .gregorian))
        style.locale = Locale(identifier: "da_DK")
        return date.formatted(style)
    }

    static func printJSON(_ value: some Encodable) throws {
        print(String(decoding: try JSONCoding.makeEncoder(prettyPrinted: true).encode(value), as: UTF8.self))
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
