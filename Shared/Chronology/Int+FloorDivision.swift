extension Int {
    /// `self` divided by a positive `divisor`, rounded towards negative infinity
    /// (so `-1.floorDivided(by: 86_400)` is `-1`, where `/` gives `0`).
    public func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }

    /// The remainder of ``floorDivided(by:)``: always in `0..<divisor` for a positive `divisor`.
    public func floorModulo(_ divisor: Int) -> Int {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
