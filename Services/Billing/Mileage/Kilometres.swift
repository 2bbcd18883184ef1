import Domain

/// A distance driven, to a tenth of a kilometre, never negative.
///
/// Stored as a whole number of tenths so that sums, the 20,000 km limit and the amounts of
/// ``MileageBilling`` are exact integer arithmetic. Written `12.3` (``description``).
public struct Kilometres: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kilometres times ten: `123` is 12.3 km.
    public let tenths: Int64

    /// `tenths` tenths of a kilometre.
    ///
    /// - Precondition: `tenths >= 0`.
    public init(tenths: Int64) {
        precondition(tenths >= 0, "a distance cannot be negative")
        self.tenths = tenths
    }

    /// `kilometres` whole kilometres.
    public init(kilometres: Int64) {
        self.init(tenths: kilometres * 10)
    }

    /// Parses a distance with at most one decimal: `12`, `12.3` or `12,3`; `nil` otherwise.
    public init?(_ text: String) {
        let parts = text.split(maxSplits: 1, omittingEmptySubsequences: false) { $0 == "." || $0 == "," }
        guard parts[0].count <= 9, parts.allSatisfy(\.isASCIIDigits), parts.count == 1 || parts[1].count == 1,
              let whole = Int64(parts[0]), let tenth = parts.count == 2 ? Int64(parts[1]) : 0 else { return nil }
        self.init(tenths: whole * 10 + tenth)
    }

    /// No distance.
    public static let zero = Kilometres(tenths: 0)

    /// The kilometres with one decimal when there is a tenth: `12.3`, `20000`.
    public var description: String {
        tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    public static func < (lhs: Kilometres, rhs: Kilometres) -> Bool { lhs.tenths < rhs.tenths }

    public static func + (lhs: Kilometres, rhs: Kilometres) -> Kilometres { Kilometres(tenths: lhs.tenths + rhs.tenths) }

    /// The difference; `lhs` must not be shorter than `rhs`.
    public static func - (lhs: Kilometres, rhs: Kilometres) -> Kilometres { Kilometres(tenths: lhs.tenths - rhs.tenths) }
}
