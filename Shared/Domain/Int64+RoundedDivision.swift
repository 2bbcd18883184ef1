extension Int64 {
    /// `self / divisor` rounded to the nearest integer, an exact half away from zero:
    /// `5 / 2` is 3, `-5 / 2` is -3, `7 / 4` is 2. Exact in integers, as money needs.
    ///
    /// - Precondition: `divisor > 0`.
    public func dividedRoundingHalfAwayFromZero(by divisor: Int64) -> Int64 {
        precondition(divisor > 0, "divisor must be positive")
        let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: divisor.magnitude)
        let rounded = Int64(quotient) + (remainder * 2 >= divisor.magnitude ? 1 : 0)
        return self < 0 ? -rounded : rounded
    }
}
