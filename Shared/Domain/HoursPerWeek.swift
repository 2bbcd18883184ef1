/// Working hours per week, to a tenth of an hour: more than 0, at most 37.
///
/// Stored as a whole number of tenths so that arithmetic and comparison are exact;
/// coded as a JSON number of hours such as `7.5`.
public struct HoursPerWeek: Sendable, Hashable, Comparable {
    /// The accepted range, in tenths of an hour: 0.1 to 37 hours.
    public static let validTenths = 1...370

    /// The hours times ten, e.g. `75` for 7.5 hours.
    public let tenths: Int

    /// The hours per week of `tenths` tenths of an hour, or `nil` outside ``validTenths``.
    public init?(tenths: Int) {
        guard Self.validTenths.contains(tenths) else { return nil }
        self.tenths = tenths
    }

    /// The hours as a number, e.g. `7.5`.
    public var hours: Double { Double(tenths) / 10 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.tenths < rhs.tenths }
}

extension HoursPerWeek: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let hours = try container.decode(Double.self)
        let tenths = (hours * 10).rounded()
        guard abs(hours * 10 - tenths) < 1e-6, let value = Int(exactly: tenths).flatMap(Self.init(tenths:)) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\(hours) is not a number of hours from 0.1 to 37 with at most one decimal"
            )
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hours)
    }
}

extension HoursPerWeek: CustomStringConvertible {
    /// The hours with at most one decimal, e.g. `"7.5"` or `"10"`.
    public var description: String {
        tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
