/// Routing keys intake consumes and emits (see `docs/messages.md`).
public enum IntakeEvents {
    public static let service = "intake"

    // Consumed
    public static let sheetSubmitted = "sheet.submitted"
    public static let sheetWithdrawn = "sheet.withdrawn"

    // Emitted
    public static let openingRegistered = "opening.registered"
    public static let openingUpdated = "opening.updated"
    public static let openingWithdrawn = "opening.withdrawn"
    public static let sheetRejected = "sheet.rejected"
}
