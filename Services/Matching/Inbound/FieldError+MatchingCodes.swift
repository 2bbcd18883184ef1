import BodyReading

/// The codes only matching gives, beside the shared ones of ``FieldError/Code``.
extension FieldError.Code {
    /// `cpr` is not a CPR number (`DDMMYY-SSSS` or ten digits, a real date). The value is never echoed.
    public static let invalidCPR = Self("invalid-cpr")
    /// Another active `candidateId` of the same jobcenter has this CPR number (field `cpr`).
    public static let duplicatePerson = Self("duplicate-person")
    /// A date lies in the future where it may not (`unemployedSince`).
    public static let inTheFuture = Self("in-the-future")
    /// `hoursPerWeek.min` is greater than `hoursPerWeek.max`.
    public static let minAboveMax = Self("min-above-max")
    /// The candidate was withdrawn; a new profile needs a new `candidateId` (field `candidateId`).
    public static let candidateWithdrawn = Self("candidate-withdrawn")
    /// A placement or withdrawal names a candidate matching does not know (field `candidateId`).
    public static let unknownCandidate = Self("unknown-candidate")
    /// A placement names an opening matching does not know, or one that was withdrawn (field `openingId`).
    public static let unknownOpening = Self("unknown-opening")
    /// The opening's positions are all filled by active placements (field `openingId`).
    public static let positionsFilled = Self("positions-filled")
    /// The candidate already has `maxJobs` active placements (field `candidateId`).
    public static let noFreeSlot = Self("no-free-slot")
    /// The placement's hours exceed the opening's (field `hoursPerWeek`).
    public static let hoursExceedOpening = Self("hours-exceed-opening")
    /// An end report names a placement matching never recorded (field `placementId`).
    public static let unknownPlacement = Self("unknown-placement")
    /// The same `placementId` was reported before for another candidate or opening.
    public static let placementConflict = Self("placement-conflict")
    /// An end date before the placement's start (field `endDate`).
    public static let endBeforeStart = Self("end-before-start")

    /// Every code matching's rejections can carry, as `docs/messages.md` lists them.
    public static let matching: [Self] = body + fields + [.unknownMunicipality, .unknownCategory, .unknownJobType]
        + [.invalidCPR, .duplicatePerson, .inTheFuture, .minAboveMax, .candidateWithdrawn, .unknownCandidate,
           .unknownOpening, .positionsFilled, .noFreeSlot, .hoursExceedOpening, .unknownPlacement,
           .placementConflict, .endBeforeStart] + sender
}
