import Domain

/// Writes indented XML element by element into UTF-8 bytes, escaping every value and attribute
/// (as `String.xmlEscaped`). Enough for the OIOUBL documents, which are elements, attributes and
/// text only.
struct XMLWriter {
    private(set) var bytes: [UInt8]
    private var depth = 0

    init() {
        bytes = []
        // An OIOUBL invoice of one line is about 6 KB.
        bytes.reserveCapacity(8192)
        bytes.append(contentsOf: #"<?xml version="1.0" encoding="UTF-8"?>"#.utf8)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Writes `<name attributes>`, `body`'s elements indented inside it, then `</name>`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], body: (inout XMLWriter) -> Void) {
        indent()
        open(name, attributes)
        bytes.append(UInt8(ascii: "\n"))
        depth += 1
        body(&self)
        depth -= 1
        indent()
        close(name)
    }

    /// Writes `<name>value</name>` on one line.
    mutating func element(_ name: String, _ value: String) {
        element(name, [:], value)
    }

    /// Writes `<name attributes>value</name>` on one line.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, _ value: String) {
        indent()
        open(name, attributes)
        escaped(value)
        close(name)
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        for (key, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: key.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            escaped(value)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }

    private mutating func close(_ name: String) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `value` escaped: as it is when no byte needs escaping (the usual case), else through
    /// `String.xmlEscaped`, the one definition of what is escaped and how.
    private mutating func escaped(_ value: String) {
        if value.utf8.contains(where: Self.mayNeedEscaping) {
            bytes.append(contentsOf: value.xmlEscaped.utf8)
        } else {
            bytes.append(contentsOf: value.utf8)
        }
    }

    /// Markup characters, control characters but tab and newline, and 0xEF (which starts U+FFFE and U+FFFF).
    private static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: true
        case UInt8(ascii: "\t"), UInt8(ascii: "\n"): false
        default: byte < 0x20
        }
    }
}
