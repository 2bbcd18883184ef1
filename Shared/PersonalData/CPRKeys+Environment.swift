import Foundation

extension CPRKeys {
    /// The environment variables ``init(environment:readFile:)`` reads. Each can instead be given
    /// as a file holding its value, named by the same variable with `_FILE` appended (for secrets
    /// mounted as files); setting both is an error.
    ///
    /// | variable | value |
    /// |---|---|
    /// | `CPR_ENCRYPTION_KEY` | the current encryption key: 32 bytes in standard base64 (44 characters) |
    /// | `CPR_PREVIOUS_ENCRYPTION_KEYS` | optional: older keys, still decrypting, in base64, separated by commas or line breaks |
    /// | `CPR_INDEX_KEY` | the index key: 32 bytes in base64, different from the encryption keys |
    public enum Variable {
        public static let encryptionKey = "CPR_ENCRYPTION_KEY"
        public static let previousEncryptionKeys = "CPR_PREVIOUS_ENCRYPTION_KEYS"
        public static let indexKey = "CPR_INDEX_KEY"
        /// Appended to a variable's name for the variant that names a file.
        public static let fileSuffix = "_FILE"
    }

    /// Reads the keys from `environment` (see ``Variable``).
    ///
    /// Values and file contents are trimmed of surrounding whitespace; an empty value counts as
    /// not set. Key ids are derived from the keys (see ``CPRKeyID``).
    ///
    /// - Parameters:
    ///   - environment: the variables, e.g. `ProcessInfo.processInfo.environment`.
    ///   - readFile: reads the file a `_FILE` variable names; by default from disk as UTF-8.
    /// - Throws: a ``CPRKeysError`` naming the variable at fault, never its value.
    public init(
        environment: [String: String],
        readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(CPRKeysError) {
        func secret(_ name: String) throws(CPRKeysError) -> EnvironmentSecret? {
            try EnvironmentSecret.read(name, environment: environment, readFile: readFile)
        }
        guard let current = try secret(Variable.encryptionKey)?.key() else { throw .missing(Variable.encryptionKey) }
        let previous = try secret(Variable.previousEncryptionKeys)?.keys() ?? []
        guard let index = try secret(Variable.indexKey)?.key() else { throw .missing(Variable.indexKey) }
        guard !([current] + previous).contains(index) else { throw .indexKeyReusesEncryptionKey }
        let keyring: CPRKeyring
        do throws(CPRKeyringError) {
            // The lengths are checked, so the keys exist.
            keyring = try CPRKeyring(
                current: CPREncryptionKey(bytes: current)!,
                previous: previous.map { CPREncryptionKey(bytes: $0)! }
            )
        } catch {
            throw .keyring(error)
        }
        self.init(encryption: keyring, index: CPRIndexKey(bytes: index)!)
    }
}
