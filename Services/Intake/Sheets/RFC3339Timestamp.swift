import Foundation

/// Parses RFC 3339 timestamps: `2017-05-15T13:30:00Z`, `2017-05-15T13:30:00.250+02:00`.
///
/// Written out because `Date.ISO8601FormatStyle` rolls impossible dates over (`2017-02-30`
/// becomes the 2nd of March, hour 25 the next day) where a contract wants them rejected.
/// Fractional seconds may have any number of digits; `T` and `Z` may be lower case
/// (RFC 3339 section 5.6); a leap second `:60` is read as the first second of the next minute.
enum RFC3339Timestamp {
    /// The instant `text` denotes, or `nil` when it is not an RFC 3339 date-time.
    static func date(from text: String) -> Date? {
        var cursor = ASCIICursor(bytes: Array(text.utf8))
        guard let year = cursor.digits(4), cursor.skip("-"),
              let month = cursor.digits(2), cursor.skip("-"),
              let day = cursor.digits(2), cursor.skip("T") || cursor.skip("t"),
              let hour = cursor.digits(2), cursor.skip(":"),
              let minute = cursor.digits(2), cursor.skip(":"),
              let second = cursor.digits(2)
        else { return nil }
        var fraction = 0.0
        if cursor.skip(".") {
            guard let digits = cursor.fractionDigits() else { return nil }
            fraction = Double("0.\(digits)") ?? 0
        }
        let offsetSeconds: Int
        if cursor.skip("Z") || cursor.skip("z") {
            offsetSeconds = 0
        } else {
            let sign = cursor.skip("+") ? 1 : cursor.skip("-") ? -1 : 0
            guard sign != 0, let offsetHour = cursor.digits(2), cursor.skip(":"), let offsetMinute = cursor.digits(2),
                  offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        }
        guard cursor.isAtEnd,
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }

        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400
            + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Reads fixed-width ASCII fields left to right.
    private struct ASCIICursor {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index == bytes.endIndex }

        /// Consumes `character` if it is next.
        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Consumes exactly `count` digits and returns their value.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.endIndex else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        /// Consumes a non-empty run of digits and returns them as written.
        mutating func fractionDigits() -> String? {
            let start = index
            while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                index += 1
            }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }
    }
}
