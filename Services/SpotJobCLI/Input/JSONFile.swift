import Foundation
import JSON

/// JSON files handed to the CLI's publishing commands (sheets, profiles, contracts): one object or an
/// array of objects, read with the same strict parser the services read bodies with.
enum JSONFile {
    /// The objects of the file at `path`, each as the JSON body to publish.
    static func bodies(path: String) throws -> [[UInt8]] {
        try objects(path: path).map { try JSONCoding.encoder.encode(JSONValue.object($0)) }
    }

    /// The objects of the file at `path`.
    static func objects(path: String) throws -> [JSONObject] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SheetFile.ReadError(description: "\(path): cannot read the file")
        }
        return try objects(Array(data), file: path)
    }

    /// The objects of a JSON text holding an object or an array of objects.
    static func objects(_ bytes: [UInt8], file: String) throws -> [JSONObject] {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw SheetFile.ReadError(description: "\(file): not UTF-8") }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw SheetFile.ReadError(description: "\(file): not JSON (\(error))")
        }
        switch value {
        case .object(let object):
            return [object]
        case .array(let elements):
            return try elements.map { element in
                guard case .object(let object) = element else {
                    throw SheetFile.ReadError(description: "\(file): expected a JSON object or an array of objects")
                }
                return object
            }
        default:
            throw SheetFile.ReadError(description: "\(file): expected a JSON object or an array of objects")
        }
    }
}
