import BodyReading

/// The codes only billing gives, beside the shared ones of ``FieldError/Code``.
extension FieldError.Code {
    /// `customer.ean` is not a 13-digit GLN with a valid check digit.
    public static let invalidEAN = Self("invalid-ean")
    /// A schedule line's `due` is not exactly one of `{"on": date}`, `{"signed": true}`, `{"afterMeetings": N}`.
    public static let invalidDue = Self("invalid-due")
    /// Two schedule lines share a `lineId`.
    public static let duplicateLineId = Self("duplicate-line-id")
    /// `period.end` is before `period.start`.
    public static let invalidPeriod = Self("invalid-period")
    /// `mileage` is neither `included` nor `state-rate`.
    public static let unknownMileage = Self("unknown-mileage")
    /// A revision changes or removes a schedule line that is invoiced (credit it first).
    public static let lineInvoiced = Self("line-invoiced")
    /// The message names a contract billing never registered.
    public static let unknownContract = Self("unknown-contract")
    /// `event.held` or `event.cancelled` names an event never booked.
    public static let unknownEvent = Self("unknown-event")
    /// `event.held` for an event that was cancelled.
    public static let eventCancelled = Self("event-cancelled")
    /// `mileage.logged` for a contract whose mileage is included in the price.
    public static let mileageIncluded = Self("mileage-included")
    /// `mileage.logged` for a date the rate table has no state rate for.
    public static let noMileageRate = Self("no-mileage-rate")
    /// `invoice.credit-requested` names a number billing never issued.
    public static let unknownInvoice = Self("unknown-invoice")
    /// `invoice.credit-requested` names a credit note, not an invoice.
    public static let notAnInvoice = Self("not-an-invoice")
    /// `invoice.credit-requested` names an invoice that is credited already.
    public static let alreadyCredited = Self("already-credited")

    /// Every code billing's rejections can carry, as `docs/messages.md` lists them.
    public static let billing: [Self] = body
        + [.required, .wrongType, .invalidCharacter, .tooShort, .tooLong, .outOfRange, .tooPrecise, .invalidDate]
        + [.invalidCVR, .invalidEmail]
        + [
            .invalidEAN, .invalidDue, .duplicateLineId, .invalidPeriod, .unknownMileage, .lineInvoiced, .unknownContract,
            .unknownEvent, .eventCancelled, .mileageIncluded, .noMileageRate, .unknownInvoice, .notAnInvoice,
            .alreadyCredited,
        ]
}
