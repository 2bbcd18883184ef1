/// The kind of employment an opening offers, coded by its ASCII raw value.
public enum JobType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A small job of a few hours a week on ordinary pay; the default.
    case smajob
    /// A job on special terms for someone with permanently reduced working capacity.
    case fleksjob
    /// An unpaid work placement (virksomhedspraktik).
    case praktik
    /// A job with a wage subsidy.
    case loentilskud
    /// An ordinary job.
    case ordinaer

    /// The Danish word, e.g. `"Løntilskud"`.
    public var danishLabel: String {
        switch self {
        case .smajob: "Småjob"
        case .fleksjob: "Fleksjob"
        case .praktik: "Praktik"
        case .loentilskud: "Løntilskud"
        case .ordinaer: "Ordinær"
        }
    }

    private static let byKey: [String: JobType] = Dictionary(
        uniqueKeysWithValues: allCases.map { (DanishFolding.key($0.rawValue), $0) }
    )

    /// The job type `label` names: its code in any case or Danish spelling, compared with
    /// ``DanishFolding``, so `"Småjob"` and `"løntilskud"` work as well as `"smajob"`.
    public init?(label: String) {
        guard let jobType = Self.byKey[DanishFolding.key(label)] else { return nil }
        self = jobType
    }
}
