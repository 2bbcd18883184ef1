extension String {
    /// The text made safe as XML or HTML character data or an attribute value: `&`, `<`, `>`, `"` and `'`
    /// become entity references, and characters XML 1.0 cannot carry at all (control characters
    /// other than tab, line feed and carriage return; U+FFFE, U+FFFF) become U+FFFD.
    ///
    /// Carriage returns are written as `&#13;`, which a parser keeps, where a literal one would be
    /// normalised away.
    public var xmlEscaped: String {
        var escaped = ""
        escaped.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\r": escaped += "&#13;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                escaped.unicodeScalars.append("\u{FFFD}")
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
