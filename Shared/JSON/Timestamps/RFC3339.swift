import Chronology
import Foundation

/// RFC 3339 timestamps: read as senders write them (`2017-05-15T13:30:00Z`,
/// `2017-05-15T13:30:00.250+02:00`), written as SpotJob writes them (UTC with milliseconds,
/// `2017-05-15T11:30:00.250Z`).
///
/// Written out because `Date.ISO8601FormatStyle` rolls impossible dates over (`2017-02-30`
/// becomes the 2nd of March, hour 25 the next day) where a contract wants them rejected.
/// Fractional seconds may have any number of digits; `T` and `Z` may be lower case
/// (RFC 3339 section 5.6); a leap second `:60` is read as the first second of the next minute.
public enum RFC3339 {
    /// The instant `text` denotes, or `nil` when it is not an RFC 3339 date-time.
    public static func date(from text: String) -> Date? {
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
        guard cursor.isAtEnd, let date = CivilDate(year: year, month: month, day: day),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `date` in UTC with milliseconds (rounded down), e.g. `2017-05-15T11:30:00.250Z`.
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``format(_:)``'s bytes to `bytes`.
    public static func append(_ date: Date, to bytes: inout [UInt8]) {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard milliseconds.isFinite, abs(milliseconds) < 1e15,
              let time = CivilDateTime(secondsSinceEpoch: Int(milliseconds).floorDivided(by: 1000))
        else {
            // Beyond the years 0000–9999 that four digits hold: Foundation's form, as before.
            bytes += date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)
                .timeZone(separator: .omitted)).utf8
            return
        }
        time.date.appendISO8601(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        bytes.appendDecimal(time.hour, width: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDecimal(time.minute, width: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDecimal(time.second, width: 2)
        bytes.append(UInt8(ascii: "."))
        bytes.appendDecimal(Int(milliseconds).floorModulo(1000), width: 3)
        bytes.append(UInt8(ascii: "Z"))
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
