import Foundation

extension Date: PostgresEncodable, PostgresDecodable {
    /// `timestamptz`, sent in UTC with microsecond precision (`2024-05-06 07:08:09.123456+00`). Dates beyond
    /// what an `Int64` of microseconds holds are sent as `infinity` or `-infinity`.
    public static var postgresDataType: PostgresDataType { .timestamptz }

    public func encodePostgresText(into buffer: inout [UInt8]) {
        let microseconds = (timeIntervalSince1970 * 1_000_000).rounded()
        guard microseconds.magnitude < 9e18 else {
            buffer.append(contentsOf: (microseconds > 0 ? "infinity" : "-infinity").utf8)
            return
        }
        let (seconds, fraction) = floorDivision(Int64(microseconds), 1_000_000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let isBC = year <= 0
        append(isBC ? 1 - year : year, digits: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        append(day, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        append(secondOfDay / 3600, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        append(fraction, digits: 6, to: &buffer)
        buffer.append(contentsOf: (isBC ? "+00 BC" : "+00").utf8)
    }

    /// A `timestamptz` in the ISO output style (`2024-05-06 07:08:09.123456+00`, optionally ` BC`); a
    /// `timestamp` or a `date` is taken as UTC. `infinity` and `-infinity` are not valid dates.
    public init?(postgresText text: UnsafeBufferPointer<UInt8>, dataType: PostgresDataType) {
        var scanner = TimestampScanner(text: text)
        guard let year = scanner.number(), scanner.skip("-"), let month = scanner.number(), scanner.skip("-"),
            let day = scanner.number()
        else { return nil }
        var secondOfDay: Int64 = 0
        var microseconds: Int64 = 0
        var offset: Int64 = 0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let hour = scanner.number(), scanner.skip(":"), let minute = scanner.number(), scanner.skip(":"),
                let second = scanner.number()
            else { return nil }
            secondOfDay = hour * 3600 + minute * 60 + second
            if scanner.skip(".") {
                guard let fraction = scanner.digits(), fraction.count <= 6 else { return nil }
                microseconds = fraction.value * [1, 100_000, 10_000, 1_000, 100, 10, 1][fraction.count]
            }
            if let sign: Int64 = scanner.skip("+") ? 1 : scanner.skip("-") ? -1 : nil {
                guard let hours = scanner.number() else { return nil }
                offset = hours * 3600
                if scanner.skip(":") {
                    guard let minutes = scanner.number() else { return nil }
                    offset += minutes * 60
                }
                if scanner.skip(":") {
                    guard let seconds = scanner.number() else { return nil }
                    offset += seconds
                }
                offset *= sign
            }
        }
        let isBC = scanner.skip(" BC")
        guard scanner.isAtEnd, (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = daysSinceEpoch(year: isBC ? 1 - year : year, month: month, day: day)
        let seconds = days * 86_400 + secondOfDay - offset
        self.init(timeIntervalSince1970: Double(seconds * 1_000_000 + microseconds) / 1_000_000)
    }
}

/// Reads the fields of a timestamp's text.
private struct TimestampScanner {
    let text: UnsafeBufferPointer<UInt8>
    var position = 0

    var isAtEnd: Bool { position == text.count }

    mutating func skip(_ literal: StaticString) -> Bool {
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard text.count - position >= bytes.count, zip(text[position...], bytes).allSatisfy(==) else { return false }
        position += bytes.count
        return true
    }

    /// A run of decimal digits and its length.
    mutating func digits() -> (value: Int64, count: Int)? {
        let start = position
        var value: Int64 = 0
        while position < text.count, position - start < 18 {
            let digit = text[position] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value * 10 + Int64(digit)
            position += 1
        }
        return position == start ? nil : (value, position - start)
    }

    mutating func number() -> Int64? {
        digits()?.value
    }
}

private func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
    let remainder = (value % divisor + divisor) % divisor
    return ((value - remainder) / divisor, remainder)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
private func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
    let year = month <= 2 ? year - 1 : year
    let era = (year >= 0 ? year : year - 399) / 400
    let yearOfEra = year - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
private func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let days = days + 719_468
    let era = (days >= 0 ? days : days - 146_096) / 146_097
    let dayOfEra = days - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (month <= 2 ? yearOfEra + era * 400 + 1 : yearOfEra + era * 400, month, day)
}

/// Appends `value` in decimal, zero-padded to at least `digits` digits.
private func append(_ value: Int64, digits: Int, to buffer: inout [UInt8]) {
    let text = String(value).utf8
    buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, digits - text.count)))
    buffer.append(contentsOf: text)
}
