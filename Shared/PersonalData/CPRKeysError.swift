/// Why ``CPRKeys`` could not be read from the environment.
///
/// Each case names the variable at fault (the `_FILE` variant when the value came from a file),
/// never its value or the file's contents.
public enum CPRKeysError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Neither the variable nor its `_FILE` variant is set.
    case missing(String)
    /// Both the variable and its `_FILE` variant are set.
    case bothSet(String)
    /// The file the `_FILE` variable names cannot be read as text.
    case unreadableFile(String)
    /// The value (or an entry of a list) is not standard base64.
    case notBase64(String)
    /// The value (or an entry of a list) does not decode to exactly 32 bytes.
    case wrongLength(String)
    /// The index key is also one of the encryption keys; they must be separate.
    case indexKeyReusesEncryptionKey
    /// Two different encryption keys have the same id.
    case keyring(CPRKeyringError)

    public var description: String {
        let fileSuffix = CPRKeys.Variable.fileSuffix
        switch self {
        case .missing(let name):
            return "\(name) or \(name)\(fileSuffix) must be set"
        case .bothSet(let name):
            return "only one of \(name) and \(name)\(fileSuffix) may be set"
        case .unreadableFile(let name):
            return "\(name) names a file that cannot be read"
        case .notBase64(let name):
            return "\(name) is not valid base64"
        case .wrongLength(let name):
            return "\(name) must decode to \(KeyMaterial.byteCount) bytes (base64 of 32 random bytes, 44 characters)"
        case .indexKeyReusesEncryptionKey:
            return "\(CPRKeys.Variable.indexKey) must differ from every CPR encryption key"
        case .keyring(let error):
            return error.description
        }
    }
}
