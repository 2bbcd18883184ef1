import Chronology
import Domain
import Foundation

/// The mileage rates in force over time, read from `deploy/billing/mileage-rates.csv`.
///
/// The file is `;`-separated with the header `validFrom;highOrePerKm;lowOrePerKm` and one row per
/// change of rates, oldest first: `2024-01-01;379;223`. A row applies from its date until the
/// next row's. ``rate(on:)`` answers which rates applied on a day.
public struct MileageRateTable: Sendable, Hashable {
    /// The header the file must start with.
    public static let header = "validFrom;highOrePerKm;lowOrePerKm"

    /// The rates, in ascending ``MileageRate/validFrom`` order without repeats.
    public let rates: [MileageRate]

    /// A table of `rates`.
    ///
    /// - Precondition: `rates` is not empty and in strictly ascending date order (a file is
    ///   checked with errors instead, by ``init(csv:)``).
    public init(rates: [MileageRate]) {
        precondition(!rates.isEmpty, "a mileage rate table needs at least one rate")
        precondition(zip(rates, rates.dropFirst()).allSatisfy { $0.validFrom < $1.validFrom }, "mileage rates must be in ascending date order")
        self.rates = rates
    }

    /// The rates in force on `date`: the last row whose date is not after it; `nil` before the
    /// first row.
    public func rate(on date: CivilDate) -> MileageRate? {
        rates.last { $0.validFrom <= date }
    }
}

extension MileageRateTable {
    /// Parses the text of a rates file.
    ///
    /// Lines may end in `\n` or `\r\n`; blank lines are ignored; everything else is strict.
    ///
    /// - Throws: a ``MileageRateFileError`` naming the line (1-based) and, for a bad value, the field.
    public init(csv: String) throws(MileageRateFileError) {
        // "\r\n" is one Character in Swift, so it is matched as a separator of its own.
        var lines = csv.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.enumerated()
            .map { (number: $0.offset + 1, text: $0.element) }
            .filter { !$0.text.allSatisfy(\.isWhitespace) }
            .makeIterator()
        guard let header = lines.next() else { throw .noRates }
        guard header.text == Self.header else { throw .wrongHeader(line: header.number, found: String(header.text)) }
        var rates: [MileageRate] = []
        while let line = lines.next() {
            let rate = try Self.rate(line.text, line: line.number)
            if let previous = rates.last, rate.validFrom <= previous.validFrom {
                throw .notAscending(line: line.number, validFrom: rate.validFrom)
            }
            rates.append(rate)
        }
        guard !rates.isEmpty else { throw .noRates }
        self.init(rates: rates)
    }

    /// Reads and parses the rates file at `path`.
    ///
    /// - Throws: ``MileageRateFileError/unreadable(path:reason:)`` or what ``init(csv:)`` throws.
    public init(contentsOfFile path: String) throws(MileageRateFileError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(csv: text)
    }

    private static func rate(_ text: Substring, line: Int) throws(MileageRateFileError) -> MileageRate {
        let fields = text.split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count == 3 else { throw .wrongFieldCount(line: line, found: fields.count) }
        guard let validFrom = CivilDate(String(fields[0])) else {
            throw .invalidField(line: line, field: "validFrom", value: String(fields[0]), expected: "a date YYYY-MM-DD")
        }
        let high = try orePerKm(fields[1], field: "highOrePerKm", line: line)
        let low = try orePerKm(fields[2], field: "lowOrePerKm", line: line)
        return MileageRate(validFrom: validFrom, highOrePerKm: high, lowOrePerKm: low)
    }

    private static func orePerKm(_ text: Substring, field: String, line: Int) throws(MileageRateFileError) -> Int64 {
        guard (1...6).contains(text.count), text.isASCIIDigits,
              let value = Int64(text), value > 0 else {
            throw .invalidField(line: line, field: field, value: String(text), expected: "a positive whole number of øre per km")
        }
        return value
    }
}
