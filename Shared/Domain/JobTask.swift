/// A task of a job opening: one of the sheet's known tasks, or the company's own words.
///
/// Coded as a single string: the code of a known task (`"opvask"`) or the free text as
/// written (`"Vande planter"`). A consumer tells the two apart with ``knownCodes``; free text
/// never equals a known code, because ``normalise(_:)`` would have matched it.
public enum JobTask: Sendable, Hashable {
    /// A task of ``KnownJobTask/all``, by its ``KnownJobTask/code``.
    case known(code: String)
    /// A task the sheet does not list, trimmed of surrounding whitespace.
    case freeText(String)

    /// The codes of all known tasks.
    public static let knownCodes: Set<String> = Set(KnownJobTask.all.map(\.code))

    private static let byCode: [String: KnownJobTask] = Dictionary(
        uniqueKeysWithValues: KnownJobTask.all.map { ($0.code, $0) }
    )

    private static let byKey: [String: KnownJobTask] = Dictionary(
        uniqueKeysWithValues: KnownJobTask.all.flatMap { task in
            Set(([task.code, task.danishLabel] + task.aliases).map(DanishFolding.key)).map { ($0, task) }
        }
    )

    /// The task `text` describes.
    ///
    /// Text that matches a known task's code, Danish label or alias, ignoring case,
    /// surrounding whitespace, punctuation and spacing, and Danish-letter spellings (see
    /// ``DanishFolding``), becomes ``known(code:)``: `"Anrette / fjerne frokost"`,
    /// `"klargoere moedelokaler"` and `"Pakke-håndtering"` all match. Anything else is kept as
    /// ``freeText(_:)``, trimmed.
    public static func normalise(_ text: String) -> JobTask {
        let trimmed = text.trimmingWhitespace()
        guard let task = byKey[DanishFolding.key(trimmed)] else { return .freeText(trimmed) }
        return .known(code: task.code)
    }

    /// The known task this is, or `nil` for free text.
    public var knownTask: KnownJobTask? {
        guard case .known(let code) = self else { return nil }
        return Self.byCode[code]
    }
}

extension JobTask: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = Self.knownCodes.contains(text) ? .known(code: text) : .freeText(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .known(let code): try container.encode(code)
        case .freeText(let text): try container.encode(text)
        }
    }
}

extension JobTask: CustomStringConvertible {
    /// The Danish label of a known task, or the free text.
    public var description: String {
        switch self {
        case .known(let code): Self.byCode[code]?.danishLabel ?? code
        case .freeText(let text): text
        }
    }
}
