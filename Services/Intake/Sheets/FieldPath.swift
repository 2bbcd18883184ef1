/// Where a value sits in a request body, written JSON-path-like: `company.cvr`, `tasks[2]`,
/// and `$` for the body itself.
struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The body itself.
    static let root = FieldPath(components: "")

    private let components: String

    private init(components: String) {
        self.components = components
    }

    /// The path of the member `key` of the object at this path.
    func member(_ key: String) -> FieldPath {
        FieldPath(components: components.isEmpty ? key : "\(components).\(key)")
    }

    /// The path of element `index` of the array at this path.
    func element(_ index: Int) -> FieldPath {
        FieldPath(components: "\(self)[\(index)]")
    }

    var description: String { components.isEmpty ? "$" : components }
}
