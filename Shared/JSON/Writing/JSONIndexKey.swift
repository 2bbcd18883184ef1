/// The coding key of an array element: its index, named `Index 0`, `Index 1`, … as in Foundation.
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }

    init?(intValue: Int) { self.intValue = intValue }

    init?(stringValue: String) { nil }
}
