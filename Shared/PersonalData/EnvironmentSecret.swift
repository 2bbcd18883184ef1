import Foundation

/// The trimmed value of an environment variable, or of the file its `_FILE` variant names, with
/// the variable it came from; for ``CPRKeys/init(environment:readFile:)``.
struct EnvironmentSecret {
    /// The value, trimmed of surrounding whitespace.
    let text: String
    /// The variable that gave ``text``: the `_FILE` variant when it came from a file.
    let source: String

    /// The value of `name`, or of the file `name_FILE` names; `nil` when neither is set (or both
    /// are empty).
    ///
    /// - Throws: ``CPRKeysError/bothSet(_:)`` or ``CPRKeysError/unreadableFile(_:)``.
    static func read(
        _ name: String, environment: [String: String], readFile: (String) throws -> String
    ) throws(CPRKeysError) -> EnvironmentSecret? {
        let fileName = name + CPRKeys.Variable.fileSuffix
        switch (nonEmpty(environment[name]), nonEmpty(environment[fileName])) {
        case (.some, .some):
            throw .bothSet(name)
        case (let text?, nil):
            return EnvironmentSecret(text: text, source: name)
        case (nil, let path?):
            do {
                return EnvironmentSecret(text: try readFile(path).trimmingCharacters(in: .whitespacesAndNewlines), source: fileName)
            } catch {
                throw .unreadableFile(fileName)
            }
        case (nil, nil):
            return nil
        }
    }

    /// The value as one base64 key of ``KeyMaterial/byteCount`` bytes.
    func key() throws(CPRKeysError) -> Data {
        try Self.decodeKey(text, source: source)
    }

    /// The value as base64 keys separated by commas or line breaks; empty entries are skipped.
    func keys() throws(CPRKeysError) -> [Data] {
        var keys: [Data] = []
        for entry in text.split(whereSeparator: { $0 == "," || $0.isNewline }) {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            keys.append(try Self.decodeKey(trimmed, source: source))
        }
        return keys
    }

    private static func decodeKey(_ text: String, source: String) throws(CPRKeysError) -> Data {
        guard let bytes = Data(base64Encoded: text) else { throw .notBase64(source) }
        guard bytes.count == KeyMaterial.byteCount else { throw .wrongLength(source) }
        return bytes
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
