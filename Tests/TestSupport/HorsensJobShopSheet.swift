import Foundation

/// A valid `sheet.submitted` body written after the seeds' Horsens JobShop (15 May 2017), and
/// variants of it with one field changed.
public enum HorsensJobShopSheet {
    /// The sheet's fields as JSON-compatible values.
    public static var fields: [String: Any] {
        [
            "sheetId": "jobshop-horsens-2017-05-15-017",
            "revision": 1,
            "source": "jobshop-horsens-2017-05-15",
            "municipality": "615",
            "company": ["cvr": "2531 3763", "name": "Bygholm Kantine ApS", "employees": 24],
            "contact": ["name": "Mette Kjær", "phone": "+45 75 62 11 00", "email": "mette@bygholm-kantine.dk"],
            "category": "kitchen-cleaning",
            "tasks": ["Anrette/fjerne frokost", "Opvask", "Vande planter i kantinen"],
            "hoursPerWeek": 7.5,
            "positions": 2,
            "jobType": "smajob",
            "visitRequested": true,
            "note": "Gerne mandag og onsdag formiddag.",
            "submittedAt": "2017-05-15T14:20:00+02:00",
        ]
    }

    /// The sheet's fields under another `sheetId`, with the top-level fields in `overrides`
    /// replaced: a fresh sheet for an integration test or a benchmark.
    public static func fields(sheetId: String, overriding overrides: [String: Any] = [:]) -> [String: Any] {
        fields.merging(overrides.merging(["sheetId": sheetId]) { current, _ in current }) { $1 }
    }

    /// The sheet with the field at `path` (`"hoursPerWeek"`, `"company.cvr"`) set to `value`,
    /// or removed when `value` is `nil`.
    public static func body(setting path: String, to value: Any?) -> [UInt8] {
        body(changing: [path: value])
    }

    /// The sheet with every field in `changes` set as ``body(setting:to:)`` does.
    public static func body(changing changes: [String: Any?] = [:]) -> [UInt8] {
        var fields = fields
        for (path, value) in changes {
            let keys = path.split(separator: ".").map(String.init)
            if keys.count == 1 {
                fields[keys[0]] = value
            } else {
                var object = fields[keys[0]] as? [String: Any] ?? [:]
                object[keys[1]] = value
                fields[keys[0]] = object
            }
        }
        return json(fields)
    }

    /// The sheet with the field at `path` set to `json` exactly as written, e.g. `7.50` or `1e400`.
    public static func body(setting path: String, toRawJSON json: String) -> [UInt8] {
        let marker = "raw-json-marker"
        let text = String(decoding: body(setting: path, to: marker), as: UTF8.self)
        return Array(text.replacingOccurrences(of: "\"\(marker)\"", with: json).utf8)
    }

    /// `value` serialised as JSON.
    public static func json(_ value: Any) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
    }
}
