import Foundation

/// Sheets for tests, written after the seeds' Horsens JobShop (15 May 2017).
public enum SheetFixtures {
    /// A valid sheet; `overrides` replace top-level fields (`NSNull()` removes one).
    public static func sheet(_ sheetId: String, _ overrides: [String: Any] = [:]) -> [String: Any] {
        var sheet: [String: Any] = [
            "sheetId": sheetId,
            "source": "jobshop-horsens-2017-05-15",
            "municipality": "Horsens",
            "company": ["cvr": "10150817", "name": "Horsens Kantine ApS", "employees": 40],
            "contact": ["name": "Mette Jensen", "phone": "+45 75 62 00 00", "email": "mette@kantine.example"],
            "category": "Køkken/Rengøring",
            "tasks": ["Anrette/fjerne frokost", "Opvask", "Vande planter i kantinen"],
            "hoursPerWeek": 7.5,
            "visitRequested": true,
            "submittedAt": "2017-05-15T14:05:00+02:00",
        ]
        for (key, value) in overrides {
            sheet[key] = value is NSNull ? nil : value
        }
        return sheet
    }

    public static func body(_ object: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}
