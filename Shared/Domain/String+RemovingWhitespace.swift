extension String {
    /// The text without whitespace and line breaks anywhere in it.
    func removingWhitespace() -> String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return String(filter { !$0.isWhitespace }) }
        // In ASCII every byte is a character, but for "\r\n", which is whitespace as a whole.
        return String(decoding: utf8.filter { !$0.isASCIIWhitespace }, as: UTF8.self)
    }
}
