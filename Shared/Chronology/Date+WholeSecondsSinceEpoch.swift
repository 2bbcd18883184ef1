import Foundation

extension Date {
    /// Seconds since 1970-01-01T00:00:00Z rounded down to a whole second (so 0.5 s before the
    /// epoch is `-1`), or `nil` if the instant is not finite or beyond ±10¹⁵ s (some 31 million years).
    var wholeSecondsSinceEpoch: Int? {
        let seconds = timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) <= 1e15 else { return nil }
        return Int(seconds)
    }
}
