import BodyReading

/// The codes only intake gives, beside the shared ones of ``FieldError/Code``.
extension FieldError.Code {
    /// `contact` has neither a phone number nor an e-mail address.
    public static let contactMissing = Self("contact-missing")
    /// A sheet arrives for a `sheetId` that was withdrawn (field `sheetId`).
    public static let sheetWithdrawn = Self("sheet-withdrawn")
    /// A withdrawal names a `sheetId` intake never registered (field `sheetId`).
    public static let unknownSheet = Self("unknown-sheet")

    /// Every code intake's rejections can carry, as `docs/messages.md` lists them.
    public static let intake: [Self] = body
        + [.required, .wrongType, .invalidCharacter, .tooShort, .tooLong, .outOfRange, .tooPrecise, .invalidTimestamp]
        + domain + [.contactMissing, .sheetWithdrawn, .unknownSheet] + sender
}
