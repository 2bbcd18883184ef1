import PersonalData

/// Matching's own settings, from the environment: the CPR keys (required: the service refuses to
/// start without them), `MATCHING_TOP_N` (default 5) and `MATCHING_WEIGHTS`.
public struct MatchingSettings: Sendable {
    public var keys: CPRKeys
    public var topN: Int
    public var weights: MatchingWeights

    public init(keys: CPRKeys, topN: Int = 5, weights: MatchingWeights = MatchingWeights()) {
        self.keys = keys
        self.topN = topN
        self.weights = weights
    }

    /// Reads the settings; throws naming the variable at fault, never a key.
    public init(environment: [String: String]) throws {
        keys = try CPRKeys(environment: environment)
        if let text = environment["MATCHING_TOP_N"], !text.isEmpty {
            guard let value = Int(text), (1...100).contains(value) else {
                throw MatchingSettingsError.invalid("MATCHING_TOP_N", "must be a whole number from 1 to 100")
            }
            topN = value
        } else {
            topN = 5
        }
        if let text = environment["MATCHING_WEIGHTS"], !text.isEmpty {
            weights = try MatchingWeights(parsing: text)
        } else {
            weights = MatchingWeights()
        }
    }

    /// Encrypts CPR numbers.
    public var cprCipher: CPRCipher { keys.cipher() }
    /// Seals refused raw bodies.
    public var rawBodySealer: RawBodySealer { RawBodySealer(keys: keys) }
}
