/// A task printed on the "Spot et job" sheet, with a stable code.
///
/// The catalogue is ``all``; ``JobCategory/knownTasks`` lists the tasks of one category.
/// A task may belong to more than one category (`pakkehaandtering`) and still has one code.
public struct KnownJobTask: Sendable, Hashable {
    /// The stable ASCII slug, e.g. `"klargoere-moedelokaler"`. Never changes once published.
    public let code: String
    /// The Danish wording, e.g. `"Klargøre mødelokaler"`.
    public let danishLabel: String
    /// Other wordings that mean this task, e.g. the printed sheet's `"Sorteringsopgaver"`.
    public let aliases: [String]

    init(code: String, danishLabel: String, aliases: [String] = []) {
        self.code = code
        self.danishLabel = danishLabel
        self.aliases = aliases
    }
}
