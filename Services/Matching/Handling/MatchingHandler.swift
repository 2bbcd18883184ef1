import BodyReading
import Chronology
import Contracts
import Domain
import Foundation
import Messaging
import PersonalData
import PostgresClient

/// Matching's reaction to what it consumes: profiles and withdrawals of candidates, placements and
/// their ends (from jobcenter systems), and intake's openings. Bodies are read in ``read(_:)``,
/// before the transaction.
///
/// All messages share one lane (``partitionKey(of:)`` is `nil`): one profile can change the
/// rankings of many openings and one placement both an opening and a person, so matching applies
/// its messages one after the other, in delivery order.
public struct MatchingHandler: MessageHandler {
    public let settings: MatchingSettings
    private let clock: @Sendable () -> Date
    /// The replica's candidates, shared by every copy of the handler.
    private let candidates = LiveCandidateIndex()

    public init(settings: MatchingSettings, clock: @escaping @Sendable () -> Date = Date.init) {
        self.settings = settings
        self.clock = clock
    }

    /// Today in Copenhagen.
    private func today(_ now: Date) -> CivilDate {
        Copenhagen.date(at: now) ?? .earliest
    }

    public func read(_ envelope: Envelope) -> MatchingMessage {
        switch envelope.type {
        case MatchingEvents.candidateProfiled: .profile(ProfileReader.read(envelope.body, readAt: clock()))
        case MatchingEvents.candidateWithdrawn: .withdrawal(ProfileReader.readWithdrawal(envelope.body))
        case MatchingEvents.placementReported: .placement(PlacementReader.read(envelope.body))
        case MatchingEvents.placementEndReported: .placementEnd(PlacementReader.readEnd(envelope.body))
        case IntakeEvents.openingRegistered, IntakeEvents.openingUpdated: .opening(OpeningReader.read(envelope.body, readAt: clock()))
        case IntakeEvents.openingWithdrawn: .openingWithdrawn(OpeningReader.readWithdrawal(envelope.body))
        default: .unsupported(type: envelope.type)
        }
    }

    public func partitionKey(of message: MatchingMessage) -> String? { nil }

    /// Applies each message, then ranks the openings they named anew, each once (``PendingRefreshes``).
    public func handle(_ messages: [Received<MatchingMessage>], on connection: PostgresConnection) throws -> [HandlingResult] {
        var pending = PendingRefreshes()
        var results: [HandlingResult] = []
        for (position, received) in messages.enumerated() {
            results.append(try handle(received.message, envelope: received.envelope, asking: &pending, as: position, on: connection))
        }
        for (position, events) in try refresh(pending, causes: messages.map(\.envelope), now: clock(), on: connection) {
            guard case .handled(let earlier) = results[position] else { continue }
            results[position] = .handled(events: earlier + events)
        }
        return results
    }

    /// Applies `message`, message `position` of its batch, and adds the openings to rank anew to `pending`.
    func handle(
        _ message: MatchingMessage, envelope: Envelope, asking pending: inout PendingRefreshes, as position: Int,
        on connection: PostgresConnection
    ) throws -> HandlingResult {
        let now = clock()
        switch message {
        case .profile(.success(let profile)):
            return try profiled(profile, envelope: envelope, now: now, asking: &pending, as: position, on: connection)
        case .profile(.failure(let rejection)), .withdrawal(.failure(let rejection)),
             .placement(.failure(let rejection)), .placementEnd(.failure(let rejection)),
             .opening(.failure(let rejection)), .openingWithdrawn(.failure(let rejection)):
            return .rejected(rejection)
        case .withdrawal(.success(let withdrawal)):
            return try withdrawn(withdrawal, envelope: envelope, now: now, asking: &pending, as: position, on: connection)
        case .placement(.success(let report)):
            return try placed(report, envelope: envelope, now: now, asking: &pending, as: position, on: connection)
        case .placementEnd(.success(let end)):
            return try ended(end, envelope: envelope, now: now, asking: &pending, as: position, on: connection)
        case .opening(.success(let opening)):
            guard try MatchingOpeningStore.save(opening, at: now, on: connection) else { return .handled(events: []) }
            pending.add([opening.openingId], cause: position, always: true)
            return .handled(events: [])
        case .openingWithdrawn(.success(let openingId)):
            if try MatchingOpeningStore.withdraw(openingId, at: now, on: connection) {
                try ProposalStore.retire(openingId: openingId, on: connection)
            }
            return .handled(events: [])
        case .unsupported(let type):
            return .rejected(.unsupported(type: type, by: MatchingEvents.service))
        }
    }

    // MARK: Candidates

    /// Why the sender may not speak about a candidate of `jobcenter` (`nil` before it is known), as
    /// a rejection about `subject`; `nil` when it may (``Sender``).
    private func refusal(
        of envelope: Envelope, about jobcenter: String?, field: String, subject: String, on connection: PostgresConnection
    ) throws -> HandlingResult? {
        try Sender.refusal(of: envelope.sender, about: jobcenter, field: field, on: connection).map {
            .rejected(Rejection(subject: subject, errors: [$0]))
        }
    }

    /// The jobcenter of stored candidate `candidateId`, read only for a jobcenter's message: no
    /// other sender is judged by it, so profiles from Code of Care's users cost no extra query.
    private func storedJobcenter(of candidateId: String, for envelope: Envelope, on connection: PostgresConnection) throws -> String? {
        guard envelope.sender?.kommunekode != nil else { return nil }
        return try CandidateStore.standing(candidateId, lock: false, on: connection)?.jobcenter
    }

    private func profiled(
        _ profile: CandidateProfile, envelope: Envelope, now: Date, asking pending: inout PendingRefreshes, as position: Int,
        on connection: PostgresConnection
    ) throws -> HandlingResult {
        if let refused = try refusal(
            of: envelope, about: profile.jobcenter.code, field: "jobcenter", subject: profile.candidateId, on: connection) {
            return refused
        }
        if let refused = try refusal(
            of: envelope, about: try storedJobcenter(of: profile.candidateId, for: envelope, on: connection),
            field: "candidateId", subject: profile.candidateId, on: connection) {
            return refused
        }
        let before = try ProposalStore.openings(proposing: profile.candidateId, on: connection)
        switch try CandidateStore.save(profile, cipher: settings.cprCipher, index: settings.keys.cprIndex, at: now, on: connection) {
        case .unchanged:
            return .handled(events: [])
        case .withdrawn:
            return .rejected(Rejection(subject: profile.candidateId, errors: [
                FieldError(field: "candidateId", code: .candidateWithdrawn, message: "this candidate was withdrawn; send a new candidateId"),
            ]))
        case .duplicatePerson:
            return .rejected(Rejection(subject: profile.candidateId, errors: [
                FieldError(field: "cpr", code: .duplicatePerson, message: "another candidate of this jobcenter is the same person"),
            ]))
        case .registered, .updated:
            guard let candidate = try CandidateStore.candidate(profile.candidateId, on: connection) else { return .handled(events: []) }
            let entered = try openings(enteredBy: candidate, now: now, on: connection)
            pending.add(Self.union(before, entered), cause: position, always: false)
            return .handled(events: [])
        }
    }

    private func withdrawn(
        _ withdrawal: CandidateWithdrawal, envelope: Envelope, now: Date, asking pending: inout PendingRefreshes, as position: Int,
        on connection: PostgresConnection
    ) throws -> HandlingResult {
        if let refused = try refusal(
            of: envelope, about: try storedJobcenter(of: withdrawal.candidateId, for: envelope, on: connection),
            field: "candidateId", subject: withdrawal.candidateId, on: connection) {
            return refused
        }
        switch try CandidateStore.withdraw(withdrawal.candidateId, reason: withdrawal.reason, at: now, on: connection) {
        case nil:
            return .rejected(Rejection(subject: withdrawal.candidateId, errors: [
                FieldError(field: "candidateId", code: .unknownCandidate, message: "no candidate with this id was profiled"),
            ]))
        case false?:
            return .handled(events: [])
        case true?:
            let openings = try ProposalStore.openings(proposing: withdrawal.candidateId, on: connection)
            pending.add(openings, cause: position, always: false)
            return .handled(events: [])
        }
    }

    // MARK: Placements

    private func placed(
        _ report: PlacementReport, envelope: Envelope, now: Date, asking pending: inout PendingRefreshes, as position: Int,
        on connection: PostgresConnection
    ) throws -> HandlingResult {
        func refuse(_ errors: [FieldError]) -> HandlingResult {
            .rejected(Rejection(subject: report.placementId, errors: errors, candidateId: report.candidateId, openingId: report.openingId))
        }
        if let existing = try PlacementStore.existing(report.placementId, on: connection) {
            guard existing.candidateId == report.candidateId, existing.openingId == report.openingId else {
                return refuse([FieldError(field: "placementId", code: .placementConflict, message: "was reported before for another candidate or opening")])
            }
            return .handled(events: [])  // the same placement reported again
        }
        let opening = try MatchingOpeningStore.opening(report.openingId, lock: true, on: connection)
        let standing = try CandidateStore.standing(report.candidateId, lock: true, on: connection)
        // A jobcenter reports placements of its own citizens, in any municipality's opening.
        if let refusal = try Sender.refusal(of: envelope.sender, about: standing?.jobcenter, field: "candidateId", on: connection) {
            return refuse([refusal])
        }
        let candidate = try CandidateStore.candidate(report.candidateId, on: connection)
        var errors: [FieldError] = []
        let candidateActive = standing?.active == true
        if candidate == nil || !candidateActive {
            errors.append(FieldError(field: "candidateId", code: .unknownCandidate, message: "no active candidate has this id"))
        }
        if opening == nil || opening?.opening.withdrawn == true {
            errors.append(FieldError(field: "openingId", code: .unknownOpening, message: "no open opening has this id"))
        }
        if let opening, !opening.opening.withdrawn, opening.opening.filled >= opening.opening.positions {
            errors.append(FieldError(field: "openingId", code: .positionsFilled,
                                     message: "all \(opening.opening.positions) position(s) of the opening are filled"))
        }
        if let candidate, candidateActive, candidate.activePlacements >= candidate.maxJobs {
            errors.append(FieldError(field: "candidateId", code: .noFreeSlot,
                                     message: "the candidate already has \(candidate.activePlacements) of at most \(candidate.maxJobs) job(s)"))
        }
        if let opening, report.hoursPerWeek > opening.opening.hoursPerWeek {
            errors.append(FieldError(field: "hoursPerWeek", code: .hoursExceedOpening,
                                     message: "exceeds the opening's \(opening.opening.hoursPerWeek) hours a week"))
        }
        guard errors.isEmpty, let opening, let candidate, let standing, let cvr = try? CVR(opening.cvr) else { return refuse(errors) }
        let recorded = PlacementRecordedPayload(
            placementId: report.placementId, candidateId: report.candidateId, openingId: report.openingId, cvr: cvr,
            municipality: opening.opening.municipality, jobcenter: standing.jobcenter, jobType: opening.opening.jobType,
            hoursPerWeek: report.hoursPerWeek,
            startDate: report.startDate, targetGroup: standing.unemployedSince <= report.startDate.oneYearEarlier)
        try PlacementStore.insert(recorded, jobcenter: standing.jobcenter, at: now, on: connection)
        let affected = Self.union([report.openingId], try ProposalStore.openings(proposing: candidate.candidateId, on: connection))
        pending.add(affected, cause: position, always: false)
        return .handled(events: [try event(MatchingEvents.placementRecorded, recorded, cause: envelope, municipality: standing.jobcenter)])
    }

    private func ended(
        _ end: PlacementEnd, envelope: Envelope, now: Date, asking pending: inout PendingRefreshes, as position: Int,
        on connection: PostgresConnection
    ) throws -> HandlingResult {
        if let refused = try refusal(of: envelope, about: nil, field: "placementId", subject: end.placementId, on: connection) {
            return refused
        }
        guard let existing = try PlacementStore.existing(end.placementId, lock: true, on: connection) else {
            return .rejected(Rejection(subject: end.placementId, errors: [
                FieldError(field: "placementId", code: .unknownPlacement, message: "no placement with this id was recorded"),
            ]))
        }
        if let refused = try refusal(of: envelope, about: existing.jobcenter, field: "placementId", subject: end.placementId, on: connection) {
            return refused
        }
        guard !existing.ended else { return .handled(events: []) }
        guard existing.startDate <= end.endDate else {
            return .rejected(Rejection(
                subject: end.placementId,
                errors: [FieldError(field: "endDate", code: .endBeforeStart, message: "is before the placement's start date")],
                candidateId: existing.candidateId, openingId: existing.openingId))
        }
        try PlacementStore.end(end, at: now, on: connection)
        var affected = [existing.openingId]
        if let candidate = try CandidateStore.candidate(existing.candidateId, on: connection) {
            // Where the person is proposed already, a free slot changes nothing.
            affected = Self.union(affected, try openings(enteredBy: candidate, now: now, on: connection))
        }
        pending.add(affected, cause: position, always: false)
        return .handled(events: [try event(
            MatchingEvents.placementEnded, PlacementEndedPayload(placementId: end.placementId, endDate: end.endDate, reason: end.reason),
            cause: envelope, municipality: existing.jobcenter)])
    }

    // MARK: Proposals

    /// The open openings `candidate` fits whose proposals the candidate may enter (``ProposalBound``):
    /// for someone not proposed there, the only ones a change of theirs can change.
    private func openings(enteredBy candidate: Candidate, now: Date, on connection: PostgresConnection) throws -> [UUID] {
        let today = today(now)
        return try MatchingOpeningStore.fitting(candidate, on: connection).filter { stored in
            stored.bound?.admits(candidate, to: stored.opening, today: today, weights: settings.weights, top: settings.topN) ?? true
        }.compactMap { UUID(uuidString: $0.opening.openingId) }
    }

    /// Ranks the people for each opening of `pending` anew; stores and announces (`match.proposed`)
    /// the top N where it changed (who, in which order, with which score), or where asked `always`,
    /// as an event of the last message that asked (by its position in `causes`). Keeps each
    /// opening's ``ProposalBound``. A few round trips whatever the number of openings: their
    /// rankings come from the candidate index, and the writes go together.
    func refresh(
        _ pending: PendingRefreshes, causes: [Envelope], now: Date, on connection: PostgresConnection
    ) throws -> [Int: [OutboxEvent]] {
        let today = today(now)
        let asked = Dictionary(uniqueKeysWithValues: pending.refreshes.map { ($0.openingId, $0) })
        let openings = try MatchingOpeningStore.open(pending.refreshes.map(\.openingId), on: connection)
        guard !openings.isEmpty else { return [:] }
        let proposed = try OpeningProposals.compute(
            for: openings.map(\.stored), today: today, weights: settings.weights, top: settings.topN, among: candidates, on: connection)
        let current = try ProposalStore.currentKeys(openingIds: openings.map(\.id), on: connection)
        var writes: [PostgresStatement] = []
        var events: [Int: [OutboxEvent]] = [:]
        for ((openingId, stored), proposed) in zip(openings, proposed) {
            guard let refresh = asked[openingId] else { continue }
            if stored.bound != proposed.bound { writes.append(MatchingOpeningStore.saving(proposed.bound, of: openingId)) }
            let proposals = proposed.proposals
            guard refresh.always || current[openingId, default: []] != ProposalStore.keys(proposals) else { continue }
            writes.append(try ProposalStore.replacing(openingId: openingId, with: proposals, model: settings.weights.model, at: now))
            events[refresh.cause, default: []].append(try event(
                MatchingEvents.matchProposed,
                MatchProposedPayload(openingId: openingId, proposals: proposals, model: settings.weights.model, proposedAt: now),
                cause: causes[refresh.cause], municipality: stored.opening.municipality))
        }
        _ = try connection.pipeline(writes)
        return events
    }

    static func union(_ first: [UUID], _ second: [UUID]) -> [UUID] {
        var seen = Set<UUID>()
        return (first + second).filter { seen.insert($0).inserted }
    }

    /// An event about a placement of `municipality`'s jobcenter or one of its openings, delivered to it.
    private func event(_ type: String, _ payload: some Encodable, cause: Envelope, municipality: String) throws -> OutboxEvent {
        try OutboxEvent(type: type, payload: payload, producer: MatchingEvents.service, cause: cause, municipality: municipality)
    }
}
