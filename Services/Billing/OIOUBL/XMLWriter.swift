import Domain
/// Writes indented XML element by element, escaping every value and attribute. Enough for the
/// OIOUBL documents, which are elements, attributes and text only.
struct XMLWriter {
    private(set) var text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    private var open: [String] = []

    /// Writes `<name attributes>`, `body`'s elements indented inside it, then `</name>`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], body: (inout XMLWriter) -> Void) {
        line("<" + name + Self.attributes(attributes) + ">")
        open.append(name)
        body(&self)
        open.removeLast()
        line("</" + name + ">")
    }

    /// Writes `<name>value</name>` on one line.
    mutating func element(_ name: String, _ value: String) {
        element(name, [:], value)
    }

    /// Writes `<name attributes>value</name>` on one line.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, _ value: String) {
        line("<" + name + Self.attributes(attributes) + ">" + value.xmlEscaped + "</" + name + ">")
    }

    private mutating func line(_ content: String) {
        text += String(repeating: "  ", count: open.count) + content + "\n"
    }

    private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " " + $0.key + "=\"" + $0.value.xmlEscaped + "\"" }.joined()
    }
}
