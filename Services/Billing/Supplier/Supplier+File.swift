import Foundation

extension Supplier {
    /// The environment variable that names the supplier file.
    public static let fileVariable = "BILLING_SUPPLIER_FILE"

    /// Loads the supplier from the JSON file named by ``fileVariable``.
    ///
    /// - Throws: ``SupplierFileError/variableNotSet(_:)`` or what ``load(fromFile:)`` throws.
    public static func load(environment: [String: String]) throws(SupplierFileError) -> Supplier {
        guard let path = environment[fileVariable], !path.isEmpty else { throw .variableNotSet(fileVariable) }
        return try load(fromFile: path)
    }

    /// Loads the supplier from the JSON file at `path` (unknown keys such as `"note"` are ignored).
    ///
    /// - Throws: a ``SupplierFileError`` naming the path and, for bad content, the key.
    public static func load(fromFile path: String) throws(SupplierFileError) -> Supplier {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// Decodes the supplier from the bytes of a supplier file; `path` only names it in errors.
    public static func decode(_ data: Data, path: String) throws(SupplierFileError) -> Supplier {
        do {
            return try JSONDecoder().decode(Supplier.self, from: data)
        } catch let error as DecodingError {
            throw .invalid(path: path, reason: Self.describe(error))
        } catch {
            throw .invalid(path: path, reason: "\(error)")
        }
    }

    /// `bankAccount.registrationNumber: …` rather than Foundation's nested context dump.
    private static func describe(_ error: DecodingError) -> String {
        func key(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the document" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let missing, let context):
            return "\(key(context.codingPath + [missing])) is missing"
        case .typeMismatch(let type, let context):
            return "\(key(context.codingPath)) is not a \(type)"
        case .valueNotFound(let type, let context):
            return "\(key(context.codingPath)) is null, expected a \(type)"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { ": \($0)" } ?? ""
            return "\(key(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }
}
