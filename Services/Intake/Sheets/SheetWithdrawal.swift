/// A `sheet.withdrawn` body that passed ``SheetValidator/validateWithdrawal(_:)``: the company
/// no longer offers the job of a sheet.
public struct SheetWithdrawal: Sendable, Hashable, Codable {
    /// The `sheetId` of the sheet to withdraw, 1–64 characters.
    public let sheetId: String
    /// Why, trimmed, 1–500 characters.
    public let reason: String
}
