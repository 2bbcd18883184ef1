import Domain
import Followup

/// The funnel as text: a table for people, CSV for spreadsheets.
enum FunnelText {
    static func title(_ filter: Funnel.Filter) -> String {
        var parts = ["Overlevering af jobåbninger"]
        if let code = filter.municipality { parts.append(MunicipalityArgument.name(code)) }
        if let source = filter.source { parts.append(source) }
        if filter.from != nil || filter.to != nil {
            parts.append("\(filter.from?.description ?? "…")–\(filter.to?.description ?? "…")")
        }
        return parts.joined(separator: " · ")
    }

    static func table(_ funnel: Funnel, title: String) -> String {
        var lines = [title, ""]
        let width = funnel.steps.map(\.label.count).max() ?? 0
        for step in funnel.steps { lines.append("\(step.label.padding(toLength: width, withPad: " ", startingAt: 0))  \(step.count)") }
        lines += ["", "Virksomheder (CVR): \(funnel.companies)"]
        lines.append("Efter størrelse: " + Funnel.sizeBands.map { "\($0) \(funnel.companiesBySize[$0] ?? 0)" }.joined(separator: ", "))
        lines.append("Jobåbninger efter jobtype pr. kommune:")
        for (code, counts) in funnel.openingsByJobType.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(MunicipalityArgument.name(code)): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `section;key;value` rows: the steps, then openings by job type per municipality, then sizes.
    static func csv(_ funnel: Funnel) -> String {
        var rows = ["section;key;value"]
        rows += funnel.steps.map { "funnel;\($0.key);\($0.count)" }
        rows.append("funnel;companies;\(funnel.companies)")
        for (code, counts) in funnel.openingsByJobType.sorted(by: { $0.key < $1.key }) {
            rows += counts.sorted { $0.key < $1.key }.map { "openingsByJobType;\(code)/\($0.key);\($0.value)" }
        }
        rows += Funnel.sizeBands.map { "companiesBySize;\($0);\(funnel.companiesBySize[$0] ?? 0)" }
        return rows.joined(separator: "\n") + "\n"
    }
}
