import Domain

/// The funnel as one self-contained HTML page for a steering-group meeting: inline SVG charts, no
/// scripts, no external files, printable.
public enum FunnelPage {
    /// The page; `title` says what it covers (municipality, period), `generated` when (Copenhagen time).
    public static func html(_ funnel: Funnel, title: String, generated: String) -> String {
        let steps = funnel.steps
        let sizes = Funnel.sizeBands.map { (band: $0, count: funnel.companiesBySize[$0] ?? 0) }
        var jobTypeRows = ""
        for (code, counts) in funnel.openingsByJobType.sorted(by: { $0.key < $1.key }) {
            let name = Municipalities.denmark.municipality(code: code)?.name ?? code
            let cells = counts.sorted { $0.key < $1.key }.map { "\(escape($0.key)): \($0.value)" }.joined(separator: ", ")
            jobTypeRows += "<tr><td>\(escape(name)) (\(escape(code)))</td><td>\(cells)</td><td class=\"n\">\(counts.values.reduce(0, +))</td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="da">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 60rem; }
            h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
            table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; }
            td.n, th.n { text-align: right; } .meta { color: #666; font-size: .9rem; }
            @media print { body { margin: 0; } }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p class="meta">Udarbejdet \(escape(generated)) af SpotJob · \(funnel.companies) virksomheder (CVR)</p>
            <h2>Overlevering af jobåbninger</h2>
            \(barChart(steps.map { ($0.label, $0.count) }))
            <table>
            <tr><th>Trin</th><th class="n">Antal</th></tr>
            \(steps.map { "<tr><td>\(escape($0.label))</td><td class=\"n\">\($0.count)</td></tr>" }.joined(separator: "\n"))
            </table>
            <h2>Virksomheder efter størrelse (ansatte)</h2>
            \(barChart(sizes.map { (sizeLabel($0.band), $0.count) }))
            <h2>Jobåbninger efter jobtype pr. kommune</h2>
            <table>
            <tr><th>Kommune</th><th>Jobtyper</th><th class="n">I alt</th></tr>
            \(jobTypeRows)</table>
            </body>
            </html>

            """
    }

    /// Horizontal bars, one per item, scaled to the largest.
    static func barChart(_ items: [(label: String, count: Int)]) -> String {
        let rowHeight = 26, labelWidth = 230, barWidth = 400
        let largest = max(items.map(\.count).max() ?? 0, 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 60)\" height=\(quoted(items.count * rowHeight + 4)) role=\"img\">\n"
        for (index, item) in items.enumerated() {
            let y = index * rowHeight + 2
            let width = item.count * barWidth / largest
            svg += "<text x=\"0\" y=\(quoted(y + 17)) font-size=\"13\">\(escape(item.label))</text>"
            svg += "<rect x=\(quoted(labelWidth)) y=\(quoted(y + 4)) width=\(quoted(width)) height=\"18\" fill=\"#2b6cb0\"/>"
            svg += "<text x=\(quoted(labelWidth + width + 6)) y=\(quoted(y + 17)) font-size=\"13\">\(item.count)</text>\n"
        }
        return svg + "</svg>"
    }

    private static func sizeLabel(_ band: String) -> String {
        switch band {
        case "under-10": "Under 10"
        case "1000-or-more": "1000 eller flere"
        case "unknown": "Ukendt"
        default: band.replacingOccurrences(of: "-", with: "–")
        }
    }

    private static func escape(_ text: String) -> String { text.xmlEscaped }

    private static func quoted(_ value: Int) -> String { "\"\(value)\"" }
}
