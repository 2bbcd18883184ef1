import Foundation

/// Sheets read from a file the operator hands to `spotjob sheet submit`.
enum SheetFile {
    struct Sheet {
        var sheetId: String?
        /// The JSON body to publish.
        var body: [UInt8]
    }

    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads a `.csv` file as CSV and anything else as JSON (one object or an array of objects).
    static func read(path: String) throws -> [Sheet] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReadError(description: "\(path): cannot read the file") }
        let objects: [[String: Any]]
        if path.lowercased().hasSuffix(".csv") {
            guard let text = String(data: data, encoding: .utf8) else { throw ReadError(description: "\(path): not UTF-8") }
            objects = try CSVSheets.objects(from: text, file: path)
        } else {
            guard let json = try? JSONSerialization.jsonObject(with: data) else {
                throw ReadError(description: "\(path): not JSON")
            }
            if let object = json as? [String: Any] {
                objects = [object]
            } else if let array = json as? [Any], let all = array as? [[String: Any]] {
                objects = all
            } else {
                throw ReadError(description: "\(path): expected a JSON object or an array of objects")
            }
        }
        return try objects.map { object in
            Sheet(
                sheetId: object["sheetId"] as? String,
                body: Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])))
        }
    }
}
