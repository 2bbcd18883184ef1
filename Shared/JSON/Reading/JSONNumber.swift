/// A JSON number, kept as written so that no precision is lost before a field rule is applied.
///
/// `7.5`, `75e-1` and `7.50` are equal in value; ``integer(scaledBy:)`` and ``isIntegral``
/// work on the exact decimal value, not on a binary `Double`.
public struct JSONNumber: Sendable, Equatable {
    /// The number's text in the body, valid JSON number syntax.
    public let text: String

    init(text: String) {
        self.text = text
    }

    /// The number `value`.
    public init(_ value: some BinaryInteger) {
        text = "\(value)"
    }

    /// The number `value`, or `nil` for NaN and infinity, which JSON cannot hold.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        text = value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    }

    /// The nearest `Double`; infinite when the number is out of `Double`'s range.
    public var doubleValue: Double { Double(text) ?? .nan }

    /// Whether the number is a whole number (`3`, `3.0`, `3e2`).
    public var isIntegral: Bool { isPlainInteger || decimal.exponent >= 0 || decimal.significand.isEmpty }

    /// The number times 10^`power` if that is a whole number that fits an `Int`; `nil` otherwise.
    ///
    /// `integer(scaledBy: 1)` of `7.5` is `75`; of `7.55` it is `nil`.
    public func integer(scaledBy power: Int = 0) -> Int? {
        if power == 0, isPlainInteger, let value = Int(text) { return value }
        let (significand, exponent) = (decimal.significand, decimal.exponent + power)
        guard !significand.isEmpty else { return 0 }
        guard exponent >= 0, exponent + significand.count <= 19 else { return nil }
        var magnitude = 0
        for digit in significand + Array(repeating: 0, count: exponent) {
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
        }
        return decimal.isNegative ? -magnitude : magnitude
    }

    /// Whether the number is written without a fraction or exponent, such as `24` or `-3`.
    private var isPlainInteger: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as ± `significand` × 10^`exponent`, with no leading or trailing zero digits
    /// in `significand` (empty for zero).
    private var decimal: (isNegative: Bool, significand: [UInt8], exponent: Int) {
        var bytes = text.utf8[...]
        let isNegative = bytes.first == UInt8(ascii: "-")
        if isNegative { bytes = bytes.dropFirst() }

        var digits: [UInt8] = []
        var exponent = 0
        var inFraction = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                inFraction = true
                continue
            }
            digits.append(byte - UInt8(ascii: "0"))
            if inFraction { exponent -= 1 }
        }
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            let exponentIsNegative = bytes.first == UInt8(ascii: "-")
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            // Saturate: any exponent beyond a billion is already far outside every field's range.
            let written = bytes.reduce(0) { min($0 * 10 + Int($1 - UInt8(ascii: "0")), 1_000_000_000) }
            exponent += exponentIsNegative ? -written : written
        }

        let leadingZeros = digits.prefix { $0 == 0 }.count
        digits.removeFirst(leadingZeros)
        while digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        return (isNegative, digits, exponent)
    }
}
