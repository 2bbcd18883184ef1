/// The job categories of the "Spot et job" sheet, coded by their kebab-case raw value.
public enum JobCategory: String, Sendable, Hashable, CaseIterable, Codable {
    case kitchenCleaning = "kitchen-cleaning"
    case officeReception = "office-reception"
    case caretakerGardener = "caretaker-gardener"
    case shop = "shop"
    case warehouseLogistics = "warehouse-logistics"
    case other = "other"

    /// The heading the printed sheet uses, e.g. `"Køkken/Rengøring"`.
    public var danishLabel: String {
        switch self {
        case .kitchenCleaning: "Køkken/Rengøring"
        case .officeReception: "Kontor/Reception"
        case .caretakerGardener: "Pedel/Gartner"
        case .shop: "Butik"
        case .warehouseLogistics: "Lager/logistik"
        case .other: "Andet"
        }
    }

    private static let byKey: [String: JobCategory] = Dictionary(
        uniqueKeysWithValues: allCases.flatMap { category in
            [category.rawValue, category.danishLabel].map { (DanishFolding.key($0), category) }
        }
    )

    /// The category `label` names: its code or its ``danishLabel``, compared with
    /// ``DanishFolding`` so that `"køkken / rengøring"` and `"Koekken/Rengoering"` both work.
    public init?(label: String) {
        guard let category = Self.byKey[DanishFolding.key(label)] else { return nil }
        self = category
    }
}
