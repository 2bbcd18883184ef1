extension Money: CustomStringConvertible {
    /// The amount as Danes write it: thousands grouped with `.`, two decimals after `,`, then
    /// ` kr`; a negative amount starts with `-`. `Money(ore: -17500000)` is `-175.000,00 kr`.
    public var danishText: String {
        let (kroner, ore) = ore.magnitude.quotientAndRemainder(dividingBy: 100)
        return sign + Self.grouped(kroner) + "," + Self.twoDigits(ore) + " kr"
    }

    /// The amount as a plain decimal number with two decimals and no grouping, as XML and
    /// machine formats want it: `175000.00`, `-0.05`.
    public var decimalText: String {
        let (kroner, ore) = ore.magnitude.quotientAndRemainder(dividingBy: 100)
        return sign + String(kroner) + "." + Self.twoDigits(ore)
    }

    /// ``danishText``.
    public var description: String { danishText }

    private var sign: String { ore < 0 ? "-" : "" }

    private static func twoDigits(_ value: UInt64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// `value` with a `.` before every group of three digits from the right: `1234567` → `1.234.567`.
    private static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(".") }
            text.append(digit)
        }
        return text
    }
}
