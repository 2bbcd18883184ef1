import BodyReading

/// The codes only followup gives, beside the shared ones of ``FieldError/Code``.
extension FieldError.Code {
    /// A contact names an opening followup does not know (field `openingId`).
    public static let unknownOpening = Self("unknown-opening")
    /// A completion names a check-in followup does not know (field `checkinId`).
    public static let unknownCheckin = Self("unknown-checkin")
    /// A placement ends that followup does not know (field `placementId`).
    public static let unknownPlacement = Self("unknown-placement")

    /// Every code followup's rejections can carry, as `docs/messages.md` lists them.
    public static let followup: [Self] = [.tooLarge, .invalidUTF8, .malformedJSON, .tooDeep, .notAnObject, .unsupportedType]
        + [.required, .wrongType, .invalidCharacter, .tooShort, .tooLong, .outOfRange, .invalidTimestamp, .invalidDate]
        + [.invalidUUID, .unknownValue, .invalidCVR, .unknownMunicipality, .unknownJobType]
        + [.unknownOpening, .unknownCheckin, .unknownPlacement] + sender
}
