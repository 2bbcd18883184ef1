/// Where a value sits in a message body, written JSON-path-like: `company.cvr`, `tasks[2]`,
/// and `$` for the body itself.
///
/// Only a path that ends up in a ``FieldError`` is written out, so a path keeps its last step
/// apart from the written path of its parent.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The body itself.
    public static let root = FieldPath(parent: "", last: .none)

    /// The last step of a path.
    private enum Step {
        case none
        case member(String)
        case element(Int)
    }

    private let parent: String
    private let last: Step

    private init(parent: String, last: Step) {
        self.parent = parent
        self.last = last
    }

    /// The path of the member `key` of the object at this path.
    public func member(_ key: String) -> FieldPath {
        FieldPath(parent: components, last: .member(key))
    }

    /// The path of element `index` of the array at this path.
    public func element(_ index: Int) -> FieldPath {
        FieldPath(parent: description, last: .element(index))
    }

    public var description: String { components.isEmpty ? "$" : components }

    /// The path written out, empty for the body itself.
    private var components: String {
        switch last {
        case .none: parent
        case .member(let key): parent.isEmpty ? key : "\(parent).\(key)"
        case .element(let index): "\(parent)[\(index)]"
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.description == rhs.description }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
