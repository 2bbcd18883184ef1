/// The unit an invoice line counts in, as a UN/ECE Recommendation 20 code from the OIOUBL
/// unit code list.
public enum UnitCode: String, Sendable, Hashable, CaseIterable {
    /// Each: an instalment, an event, a talk.
    case each = "EA"
    /// Kilometre: mileage at the state rate.
    case kilometre = "KTM"
}
