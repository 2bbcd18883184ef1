import Foundation
import JSON

/// Turns CSV rows into sheet objects: a header row names the fields (dotted for nested ones,
/// `company.cvr`), `tasks` is split on `|`, numeric and boolean fields are converted when they
/// parse (otherwise left as text, so intake reports them precisely).
enum CSVSheets {
    private static let integerFields: Set<String> = ["revision", "positions", "company.employees"]
    private static let numberFields: Set<String> = ["hoursPerWeek"]
    private static let booleanFields: Set<String> = ["visitRequested"]

    static func objects(from text: String, file: String) throws -> [JSONObject] {
        let rows = parse(text).filter { !($0.count == 1 && $0[0].isEmpty) }
        guard let header = rows.first else { return [] }
        return try rows.dropFirst().enumerated().map { offset, row in
            guard row.count == header.count else {
                throw SheetFile.ReadError(description: "\(file): row \(offset + 2) has \(row.count) fields, the header \(header.count)")
            }
            var object = JSONObject()
            for (field, value) in zip(header, row) where !value.isEmpty {
                set(convert(value, field: field), at: field.split(separator: ".").map(String.init), in: &object)
            }
            return object
        }
    }

    private static func convert(_ value: String, field: String) -> JSONValue {
        if field == "tasks" {
            return .array(value.split(separator: "|").map { .string($0.trimmingCharacters(in: .whitespaces)) })
        }
        if integerFields.contains(field), let int = Int(value) { return .number(JSONNumber(int)) }
        if numberFields.contains(field), let number = Double(value.replacingOccurrences(of: ",", with: ".")).flatMap(JSONNumber.init) {
            return .number(number)
        }
        if booleanFields.contains(field) {
            switch value.lowercased() {
            case "true", "yes", "ja", "1": return .bool(true)
            case "false", "no", "nej", "0": return .bool(false)
            default: return .string(value)
            }
        }
        return .string(value)
    }

    private static func set(_ value: JSONValue, at path: [String], in object: inout JSONObject) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object.set(first, value)
        } else {
            var nested = if case .object(let existing)? = object[first] { existing } else { JSONObject() }
            set(value, at: Array(path.dropFirst()), in: &nested)
            object.set(first, .object(nested))
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
