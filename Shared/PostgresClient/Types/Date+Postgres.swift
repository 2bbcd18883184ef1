import Chronology
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
        let totalMicroseconds = Int(microseconds)
        let (seconds, fraction) = (totalMicroseconds.floorDivided(by: 1_000_000), totalMicroseconds.floorModulo(1_000_000))
        let (days, secondOfDay) = (seconds.floorDivided(by: 86_400), seconds.floorModulo(86_400))
        let (year, month, day) = GregorianArithmetic.civil(daysSinceEpoch: days)
        let isBC = year <= 0
        buffer.appendDecimal(isBC ? 1 - year : year, width: 4)
        buffer.append(UInt8(ascii: "-"))
        buffer.appendDecimal(month, width: 2)
        buffer.append(UInt8(ascii: "-"))
        buffer.appendDecimal(day, width: 2)
        buffer.append(UInt8(ascii: " "))
        buffer.appendDecimal(secondOfDay / 3600, width: 2)
        buffer.append(UInt8(ascii: ":"))
        buffer.appendDecimal(secondOfDay / 60 % 60, width: 2)
        buffer.append(UInt8(ascii: ":"))
        buffer.appendDecimal(secondOfDay % 60, width: 2)
        buffer.append(UInt8(ascii: "."))
        buffer.appendDecimal(fraction, width: 6)
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
        let days = Int64(GregorianArithmetic.daysSinceEpoch(year: Int(isBC ? 1 - year : year), month: Int(month), day: Int(day)))
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
