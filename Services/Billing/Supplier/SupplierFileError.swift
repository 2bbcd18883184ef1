/// Why the supplier file (see ``Supplier/load(fromFile:)``) cannot be used.
public enum SupplierFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The environment variable naming the file is not set.
    case variableNotSet(String)
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not JSON, or a value is missing or invalid; `reason` names the key.
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .variableNotSet(let name):
            "\(name) is not set: it must name the supplier JSON file (deploy/billing/supplier.json)"
        case .unreadable(let path, let reason):
            "cannot read the supplier file \(path): \(reason)"
        case .invalid(let path, let reason):
            "the supplier file \(path) is invalid: \(reason)"
        }
    }
}
