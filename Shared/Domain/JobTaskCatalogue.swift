// The known tasks of the "Spot et job" sheet (seed 000, "JOBKATEGORIER"), with the OCR
// errors of the seed corrected. Codes are published in events: add tasks, never rename one.

extension KnownJobTask {
    /// Every known task, each once, in the order the sheet prints them.
    public static let all: [KnownJobTask] = {
        var seen = Set<String>()
        return JobCategory.allCases.flatMap(\.knownTasks).filter { seen.insert($0.code).inserted }
    }()

    /// Listed under both ``JobCategory/caretakerGardener`` and ``JobCategory/shop``.
    static let pakkehaandtering = KnownJobTask(code: "pakkehaandtering", danishLabel: "Pakkehåndtering")
}

extension JobCategory {
    /// The tasks the sheet prints under this category; none for ``other``.
    public var knownTasks: [KnownJobTask] {
        switch self {
        case .kitchenCleaning: [
            KnownJobTask(code: "anrette-fjerne-frokost", danishLabel: "Anrette/fjerne frokost"),
            KnownJobTask(code: "handle-ind", danishLabel: "Handle ind", aliases: ["Handle"]),
            KnownJobTask(code: "opvask", danishLabel: "Opvask"),
            KnownJobTask(code: "klargoere-moedelokaler", danishLabel: "Klargøre mødelokaler"),
            KnownJobTask(code: "ordne-koeleskab", danishLabel: "Ordne køleskab"),
        ]
        case .officeReception: [
            KnownJobTask(code: "lette-kontoropgaver", danishLabel: "Lette kontoropgaver"),
            KnownJobTask(code: "arkivering", danishLabel: "Arkivering"),
            KnownJobTask(code: "post", danishLabel: "Post"),
            KnownJobTask(code: "kopiere-makulere", danishLabel: "Kopiere/makulere"),
            KnownJobTask(code: "telefonbetjening", danishLabel: "Telefonbetjening"),
        ]
        case .caretakerGardener: [
            KnownJobTask(code: "oprydning", danishLabel: "Oprydning"),
            KnownJobTask(code: "smaa-reparationer", danishLabel: "Små reparationer"),
            KnownJobTask(
                code: "vedligeholdelse-af-udearealer", danishLabel: "Vedligeholdelse af udearealer",
                aliases: ["Vedligeholdelse udearealer"]
            ),
            KnownJobTask.pakkehaandtering,
            KnownJobTask(code: "sortering", danishLabel: "Sortering", aliases: ["Sorteringsopgaver"]),
        ]
        case .shop: [
            KnownJobTask(
                code: "toerre-stoev-af-paa-varehylder", danishLabel: "Tørre støv af på varehylder",
                aliases: ["Tørre støv af varehylder"]
            ),
            KnownJobTask(code: "rydde-omklaedningsrum", danishLabel: "Rydde omklædningsrum"),
            KnownJobTask(
                code: "laegge-toej-sammen", danishLabel: "Lægge tøj sammen", aliases: ["Sammenlægning af tøj"]
            ),
            KnownJobTask.pakkehaandtering,
            KnownJobTask(code: "spotte-udloebsvarer", danishLabel: "Spotte udløbsvarer"),
        ]
        case .warehouseLogistics: [
            KnownJobTask(code: "statusoptaelling", danishLabel: "Statusoptælling"),
            KnownJobTask(code: "presse-pap", danishLabel: "Presse pap"),
            KnownJobTask(code: "oprydning-og-sortering", danishLabel: "Oprydning og sortering"),
            KnownJobTask(code: "koersel-af-varer", danishLabel: "Kørsel af varer"),
            KnownJobTask(
                code: "opfyldning-og-udlevering-af-arbejdstoej", danishLabel: "Opfyldning og udlevering af arbejdstøj",
                aliases: ["Opfyldning og udlevering arbejdstøj"]
            ),
        ]
        case .other: []
        }
    }
}
