import Foundation

/// Turns CSV rows into sheet objects: a header row names the fields (dotted for nested ones,
/// `company.cvr`), `tasks` is split on `|`, numeric and boolean fields are converted when they
/// parse (otherwise left as text, so intake reports them precisely).
enum CSVSheets {
    private static let integerFields: Set<String> = ["revision", "positions", "company.employees"]
    private static let numberFields: Set<String> = ["hoursPerWeek"]
    private static let booleanFields: Set<String> = ["visitRequested"]

    static func objects(from text: String, file: String) throws -> [[String: Any]] {
        let rows = parse(text).filter { !($0.count == 1 && $0[0].isEmpty) }
        guard let header = rows.first else { return [] }
        return try rows.dropFirst().enumerated().map { offset, row in
            guard row.count == header.count else {
                throw SheetFile.ReadError(description: "\(file): row \(offset + 2) has \(row.count) fields, the header \(header.count)")
            }
            var object: [String: Any] = [:]
            for (field, value) in zip(header, row) where !value.isEmpty {
                set(convert(value, field: field), at: field.split(separator: ".").map(String.init), in: &object)
            }
            return object
        }
    }

    private static func convert(_ value: String, field: String) -> Any {
        if field == "tasks" { return value.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        if integerFields.contains(field), let int = Int(value) { return int }
        if numberFields.contains(field), let number = Double(value.replacingOccurrences(of: ",", with: ".")) { return number }
        if booleanFields.contains(field) {
            switch value.lowercased() {
            case "true", "yes", "ja", "1": return true
            case "false", "no", "nej", "0": return false
            default: return value
            }
        }
        return value
    }

    private static func set(_ value: Any, at path: [String], in object: inout [String: Any]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value
        } else {
            var nested = object[first] as? [String: Any] ?? [:]
            set(value, at: Array(path.dropFirst()), in: &nested)
            object[first] = nested
        }
    }

    /// RFC 4180 fields: commas or semicolons (whichever the header uses), quotes doubled inside
    /// quoted fields, newlines inside quotes kept.
    static func parse(_ text: String) -> [[String]] {
        let firstLine = text.prefix { $0 != "\n" }
        let separator: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        func endField() {
            row.append(field)
            field = ""
        }
        func endRow() {
            endField()
            rows.append(row)
            row = []
        }
        for character in text {
            if quoted {
                if character == "\"" {
                    quoted = false
                    afterQuote = true
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where afterQuote:
                field.append("\"")  // a doubled quote inside a quoted field
                quoted = true
                afterQuote = false
            case "\"" where field.isEmpty:
                quoted = true
            case separator:
                endField()
                afterQuote = false
            case "\n", "\r\n":
                endRow()
                afterQuote = false
            case "\r":
                continue
            default:
                field.append(character)
                afterQuote = false
            }
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }
}
