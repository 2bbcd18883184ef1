import ArgumentParser
import Domain

/// A municipality given on the command line: a kommunekode or a name.
enum MunicipalityArgument {
    /// The kommunekode of `text`.
    static func code(_ text: String) throws -> String {
        guard let found = Municipalities.denmark.resolve(text) else { throw ValidationError("unknown municipality \(text)") }
        return found.code
    }

    /// The name of the municipality with kommunekode `code` (the code itself if unknown).
    static func name(_ code: String) -> String {
        Municipalities.denmark.municipality(code: code)?.name ?? code
    }
}
