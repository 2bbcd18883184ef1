import Foundation
import JSON

/// Sheets read from a file the operator hands to `spotjob sheet submit`.
enum SheetFile {
    struct Sheet {
        var sheetId: String?
        /// The sheet's `municipality` as written (a kommunekode or a name).
        var municipality: String?
        /// The JSON body to publish.
        var body: [UInt8]
    }

    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads a `.csv` file as CSV and anything else as JSON (one object or an array of objects, see
    /// ``JSONFile``).
    static func read(path: String) throws -> [Sheet] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReadError(description: "\(path): cannot read the file") }
        let objects: [JSONObject]
        if path.lowercased().hasSuffix(".csv") {
            guard let text = String(data: data, encoding: .utf8) else { throw ReadError(description: "\(path): not UTF-8") }
            objects = try CSVSheets.objects(from: text, file: path)
        } else {
            objects = try JSONFile.objects(Array(data), file: path)
        }
        return try objects.map { object in
            let sheetId: String? = if case .string(let id)? = object["sheetId"] { id } else { nil }
            let municipality: String? = if case .string(let text)? = object["municipality"] { text } else { nil }
            return Sheet(sheetId: sheetId, municipality: municipality, body: try JSONCoding.encoder.encode(JSONValue.object(object)))
        }
    }
}
