extension String {
    /// The text without leading and trailing whitespace and line breaks.
    package func trimmingWhitespace() -> String {
        if let trimmed = trimmingASCIIWhitespace() { return trimmed }
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }

    /// ``trimmingWhitespace()`` without Unicode property lookups, for text whose first and last
    /// non-whitespace bytes are ASCII, so that every byte trimmed is a character of its own; `nil`
    /// otherwise, as a combining mark may join the whitespace next to it into one character.
    private func trimmingASCIIWhitespace() -> String? {
        guard let first = utf8.firstIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
        let last = utf8.lastIndex(where: { !$0.isASCIIWhitespace })!
        guard utf8[first] < 0x80, utf8[last] < 0x80 else { return nil }
        return String(self[first..<utf8.index(after: last)])
    }
}
