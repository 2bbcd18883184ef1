import BodyReading

/// Why a `sheet.submitted` or `sheet.withdrawn` body was rejected: every problem found.
public struct SheetRejection: Error, Sendable, Hashable {
    /// The body's `sheetId`, when it is a valid one; `nil` when the body could not be read
    /// that far or the id itself is faulty.
    public var sheetId: String?
    /// Every problem found, in the order of the contract's fields; never empty.
    public var errors: [FieldError]

    public init(sheetId: String?, errors: [FieldError]) {
        self.sheetId = sheetId
        self.errors = errors
    }
}

extension SheetRejection: CustomStringConvertible {
    /// The sheet id and every error on one line, for logs.
    public var description: String {
        "sheet \(sheetId ?? "(unknown)") rejected: " + errors.map(\.description).joined(separator: "; ")
    }
}
