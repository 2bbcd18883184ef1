extension FieldError.Code {
    // The body as a whole (field `$`), checked in this order by ``MessageBody``; each stops reading.
    /// The body is larger than the message type allows; it was not parsed.
    public static let tooLarge = Self("too-large")
    /// The body is not valid UTF-8.
    public static let invalidUTF8 = Self("invalid-utf8")
    /// The body is not JSON (RFC 8259), or an object repeats a key.
    public static let malformedJSON = Self("malformed-json")
    /// Arrays and objects nest deeper than the parser allows.
    public static let tooDeep = Self("too-deep")
    /// The body is JSON but not an object.
    public static let notAnObject = Self("not-an-object")
    /// The message's `type` is not one the service consumes (field `$`).
    public static let unsupportedType = Self("unsupported-type")

    // Fields; every problem found is reported.
    /// A required field is missing or `null`.
    public static let required = Self("required")
    /// The field has the wrong JSON type, e.g. a string where a number belongs,
    /// `true` where a number belongs, or `2.5` where a whole number belongs.
    public static let wrongType = Self("wrong-type")
    /// A string holds a character no field may hold: U+0000 (NUL).
    public static let invalidCharacter = Self("invalid-character")
    /// A string is shorter than allowed (empty) or an array has too few items.
    public static let tooShort = Self("too-short")
    /// A string is longer than allowed or an array has too many items.
    public static let tooLong = Self("too-long")
    /// A number is outside its allowed range.
    public static let outOfRange = Self("out-of-range")
    /// A number has more decimals than allowed.
    public static let tooPrecise = Self("too-precise")
    /// A timestamp is not RFC 3339.
    public static let invalidTimestamp = Self("invalid-timestamp")
    /// A date is not `YYYY-MM-DD`, or no such day exists.
    public static let invalidDate = Self("invalid-date")
    /// A date or timestamp is before the earliest its field allows (``DateBounds``).
    public static let tooEarly = Self("too-early")
    /// A date or timestamp is after the latest its field allows (``DateBounds``).
    public static let tooLate = Self("too-late")
    /// An id that must be a UUID is not one.
    public static let invalidUUID = Self("invalid-uuid")
    /// A string is not one of the values the field allows.
    public static let unknownValue = Self("unknown-value")

    // Domain values (``FieldReader`` reads them the same way in every service).
    /// Not a valid CVR number.
    public static let invalidCVR = Self("invalid-cvr")
    /// Not a Danish phone number.
    public static let invalidPhone = Self("invalid-phone")
    /// Not a plausible e-mail address.
    public static let invalidEmail = Self("invalid-email")
    /// Neither a kommunekode nor a municipality name.
    public static let unknownMunicipality = Self("unknown-municipality")
    /// Neither a category code nor its Danish label.
    public static let unknownCategory = Self("unknown-category")
    /// Not one of the job type codes.
    public static let unknownJobType = Self("unknown-job-type")

    // The sender (field `$`, or the field naming what it may not speak about).
    /// The message has no `user_id`: the broker cannot say who sent it.
    public static let unknownSender = Self("unknown-sender")
    /// A jobcenter's message is about another municipality's sheet, opening or citizen.
    public static let notYourMunicipality = Self("not-your-municipality")

    /// The codes of the body as a whole.
    public static let body: [Self] = [.tooLarge, .invalidUTF8, .malformedJSON, .tooDeep, .notAnObject, .unsupportedType]
    /// The codes of any field.
    public static let fields: [Self] = [
        .required, .wrongType, .invalidCharacter, .tooShort, .tooLong, .outOfRange, .tooPrecise, .invalidTimestamp, .invalidDate,
        .tooEarly, .tooLate, .invalidUUID, .unknownValue,
    ]
    /// The codes of the sender.
    public static let sender: [Self] = [.unknownSender, .notYourMunicipality]
    /// The codes of domain values.
    public static let domain: [Self] = [
        .invalidCVR, .invalidPhone, .invalidEmail, .unknownMunicipality, .unknownCategory, .unknownJobType,
    ]
}
