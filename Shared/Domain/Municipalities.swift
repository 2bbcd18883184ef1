/// A lookup of municipalities by kommunekode or by name.
public struct Municipalities: Sendable {
    /// The 98 municipalities of Denmark, from ``MunicipalityTable``.
    public static let denmark = Municipalities(MunicipalityTable.all)

    /// Every municipality, in table order.
    public let all: [Municipality]
    private let byCode: [String: Municipality]
    private let byNameKey: [String: Municipality]

    init(_ municipalities: [Municipality]) {
        self.all = municipalities
        self.byCode = Dictionary(uniqueKeysWithValues: municipalities.map { ($0.code, $0) })
        self.byNameKey = Dictionary(uniqueKeysWithValues: municipalities.map { (DanishFolding.key($0.name), $0) })
    }

    /// The municipality with the three-digit kommunekode `code`, e.g. `"615"`.
    public func municipality(code: String) -> Municipality? {
        byCode[code]
    }

    /// The municipality `input` names, or `nil` when it names none.
    ///
    /// `input` is either a kommunekode, with or without its leading zero (`"615"`, `"0615"`),
    /// or a name in any case and spelling that ``DanishFolding`` folds together:
    /// `"Horsens"`, `"HORSENS"`, `"Århus"`, `"Aarhus"`, `"Hoeje Taastrup"`, `"Koebenhavn"`.
    /// Surrounding whitespace is ignored.
    public func resolve(_ input: String) -> Municipality? {
        let trimmed = input.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy({ $0.asciiDigitValue != nil }) {
            let code = trimmed.count == 4 && trimmed.hasPrefix("0") ? String(trimmed.dropFirst()) : trimmed
            return byCode[code]
        }
        return byNameKey[DanishFolding.key(trimmed)]
    }
}
