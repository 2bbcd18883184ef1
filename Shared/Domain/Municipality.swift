/// One of the 98 Danish municipalities (kommuner).
///
/// Coded as its three-digit ``code``; decoding looks the code up in ``Municipalities/denmark``.
/// Use ``Municipalities/resolve(_:)`` to turn what a person typed into a municipality.
public struct Municipality: Sendable, Hashable {
    /// The kommunekode without leading zero, e.g. `"615"` for Horsens.
    public let code: String
    /// The Danish name, e.g. `"Høje-Taastrup"`.
    public let name: String
    /// The region the municipality belongs to.
    public let region: Region

    /// One of the five Danish regions.
    public enum Region: String, Sendable, Hashable, CaseIterable, Codable {
        case hovedstaden = "Hovedstaden"
        case sjaelland = "Sjælland"
        case syddanmark = "Syddanmark"
        case midtjylland = "Midtjylland"
        case nordjylland = "Nordjylland"
    }

    init(code: String, name: String, region: Region) {
        self.code = code
        self.name = name
        self.region = region
    }
}

extension Municipality: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let municipality = Municipalities.denmark.municipality(code: code) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown kommunekode \(code)")
        }
        self = municipality
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

extension Municipality: CustomStringConvertible {
    public var description: String { "\(name) (\(code))" }
}
