import BodyReading
@testable import Billing
import Chronology
import Contracts
@testable import Followup
import Foundation
import Intake
import Matching
import Messaging
import Synchronization
import XCTest

/// Issue 18: each service's body reader (what turns a delivery's body into the handler's message,
/// before any database work) is fed 100,000 bodies mutated from `Tests/Fixtures/fuzz/<reader>` by
/// ``BodyMutator``, with fixed seeds. None may trap (the test process would die); every refusal carries field errors with a
/// code the reader documents and never quotes a value; every accepted date and timestamp lies in its
/// ``DateBounds``.
final class BodyReaderFuzzTests: XCTestCase {
    static let inputsPerReader = 100_000
    /// The inputs of a reader are made and read in this many shards at once, each with a mutator of its
    /// own seed: the same inputs on any machine, in less time on one with more cores.
    static let shards = 4
    /// The moment every body is read at.
    static let now = Date(timeIntervalSince1970: 1_812_000_000)  // 2027-06-03, after every date of the corpus
    static let past = DateBounds.pastInstants(readAt: now)
    static let sharedCodes = Set(FieldError.Code.body + FieldError.Code.fields + FieldError.Code.domain)

    /// What a reader made of a body.
    enum Outcome: Sendable {
        /// Accepted; `inBounds` is whether every date and timestamp read lies in its range.
        case accepted(inBounds: Bool)
        case refused([FieldError])
    }

    func testIntakeSheetReader() throws {
        try fuzz("sheet", seed: 1, codes: [.contactMissing]) { type, body in
            switch IntakeHandler(clock: { BodyReaderFuzzTests.now }).read(envelope(type, body)) {
            case .sheet(.success(let sheet)): .accepted(inBounds: Self.past.contains(sheet.submittedAt))
            case .withdrawal(.success): .accepted(inBounds: true)
            case .sheet(.failure(let rejection)), .withdrawal(.failure(let rejection)): .refused(rejection.errors)
            case .unsupported: .refused([])
            }
        }
    }

    func testMatchingProfileReader() throws {
        try fuzz("profile", seed: 2, codes: [.invalidCPR, .inTheFuture, .minAboveMax]) { type, body in
            if type == MatchingEvents.candidateWithdrawn { return Self.outcome(ProfileReader.readWithdrawal(body)) { _ in true } }
            return Self.outcome(ProfileReader.read(body, readAt: Self.now)) { profile in
                DateBounds.unemploymentDays.contains(profile.unemployedSince) && DateBounds.businessDays.contains(profile.availableFrom)
                    && Self.past.contains(profile.submittedAt)
            }
        }
    }

    func testMatchingPlacementReader() throws {
        try fuzz("placement", seed: 3, codes: []) { type, body in
            type == MatchingEvents.placementEndReported
                ? Self.outcome(PlacementReader.readEnd(body)) { DateBounds.businessDays.contains($0.endDate) }
                : Self.outcome(PlacementReader.read(body)) { DateBounds.businessDays.contains($0.startDate) }
        }
    }

    func testMatchingOpeningReader() throws {
        try fuzz("opening", seed: 4, codes: []) { type, body in
            type == IntakeEvents.openingWithdrawn
                ? Self.outcome(OpeningReader.readWithdrawal(body)) { _ in true }
                : Self.outcome(OpeningReader.read(body, readAt: Self.now)) { Self.past.contains($0.registeredAt) }
        }
    }

    func testFollowupMessageReader() throws {
        try fuzz("followup", seed: 5, codes: []) { type, body in
            switch FollowupMessage.read(type: type, body: body, readAt: Self.now) {
            case .handover(let handover):
                .accepted(inBounds: handover.submittedAt.map(Self.past.contains) != false && Self.past.contains(handover.registeredAt))
            case .contacted(let contact): .accepted(inBounds: Self.past.contains(contact.contactedAt))
            case .placement(let placement): .accepted(inBounds: DateBounds.businessDays.contains(placement.startDate))
            case .placementEnded(_, let endDate, _): .accepted(inBounds: DateBounds.businessDays.contains(endDate))
            case .checkinCompleted(let completion): .accepted(inBounds: Self.past.contains(completion.completedAt))
            case .openingWithdrawn: .accepted(inBounds: true)
            case .invalid(let rejection): .refused(rejection.errors)
            }
        }
    }

    func testBillingContractReader() throws {
        try fuzz("contract", seed: 6, codes: [.invalidEAN, .invalidDue, .duplicateLineId, .invalidPeriod, .unknownMileage], read: Self.billing)
    }

    func testBillingActivityReader() throws {
        try fuzz("activity", seed: 7, codes: [], read: Self.billing)
    }

    /// Billing's reader, by routing key.
    private static func billing(_ type: String, _ body: [UInt8]) -> Outcome {
        let days = DateBounds.businessDays
        return switch BillingMessage.read(type: type, body: body) {
        case .contract(let contract):
            .accepted(inBounds: [contract.periodStart, contract.periodEnd, contract.signedOn].allSatisfy(days.contains)
                && contract.schedule.allSatisfy { if case .on(let day) = $0.due { days.contains(day) } else { true } })
        case .meeting(let meeting): .accepted(inBounds: days.contains(meeting.heldOn))
        case .eventBooked(let booking): .accepted(inBounds: days.contains(booking.bookedOn))
        case .eventHeld(let holding): .accepted(inBounds: days.contains(holding.heldOn))
        case .extra(let extra): .accepted(inBounds: days.contains(extra.deliveredOn))
        case .trip(let trip): .accepted(inBounds: days.contains(trip.date))
        case .eventCancelled, .credit: .accepted(inBounds: true)
        case .invalid(let rejection): .refused(rejection.errors)
        }
    }

    private static func outcome<Value>(_ result: Result<Value, Rejection>, _ inBounds: (Value) -> Bool) -> Outcome {
        switch result {
        case .success(let value): .accepted(inBounds: inBounds(value))
        case .failure(let rejection): .refused(rejection.errors)
        }
    }

    /// Feeds ``inputsPerReader`` mutated bodies of the corpus `reader` to `read`, in ``shards`` at once, and
    /// checks each outcome; reports at most a few distinct failures, and prints what the reader made of the inputs.
    private func fuzz(
        _ reader: String, seed: UInt64, codes: Set<FieldError.Code>, file: StaticString = #filePath, line: UInt = #line,
        read: @escaping @Sendable (String, [UInt8]) -> Outcome
    ) throws {
        let seeds = try ReaderCorpus(reader).seeds
        XCTAssertFalse(seeds.isEmpty, "no corpus in Tests/Fixtures/fuzz/\(reader)", file: file, line: line)
        let donors = try ReaderCorpus.everySeed()
        let known = Self.sharedCodes.union(codes)
        let tallies = Mutex([Tally](repeating: Tally(), count: Self.shards))
        DispatchQueue.concurrentPerform(iterations: Self.shards) { shard in
            var mutator = BodyMutator(seed: seed &* 1_000 &+ UInt64(shard), seeds: seeds, donors: donors)
            var tally = Tally()
            for _ in 0..<Self.inputsPerReader / Self.shards {
                tally.check(read, mutator.next(), known: known)
            }
            tallies.withLock { $0[shard] = tally }
        }
        let tally = tallies.withLock { $0.reduce(Tally()) { $0.merging($1) } }
        for failure in tally.failures.sorted().prefix(10) { XCTFail("\(reader): \(failure)", file: file, line: line) }
        XCTAssertGreaterThan(tally.accepted, 0, "\(reader): no mutated body was accepted; the mutations are too coarse", file: file, line: line)
        print("\(reader): \(Self.inputsPerReader) inputs, \(tally.accepted) accepted; refusals by code:",
              tally.codes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}

/// What one shard of a fuzzing run saw.
private struct Tally: Sendable {
    var accepted = 0
    /// How many refusals carried each code.
    var codes: [String: Int] = [:]
    /// Each distinct problem found.
    var failures: Set<String> = []

    /// Reads `input` with `read` and records what came of it.
    mutating func check(_ read: (String, [UInt8]) -> BodyReaderFuzzTests.Outcome, _ input: ReaderCorpus.Seed, known: Set<FieldError.Code>) {
        switch read(input.type, input.body) {
        case .accepted(let inBounds):
            accepted += 1
            if !inBounds { failures.insert("accepted a \(input.type) with a date out of its range: \(String(decoding: input.body, as: UTF8.self))") }
        case .refused(let errors):
            if errors.isEmpty { failures.insert("refused a \(input.type) without a field error") }
            for error in errors {
                codes[error.code.rawValue, default: 0] += 1
                if !known.contains(error.code) { failures.insert("\(error.field) has code \(error.code), which the reader does not document") }
                if error.field.isEmpty || error.message.isEmpty { failures.insert("an error without a field or a message: \(error)") }
                if let quoted = BodyMutator.unquotableValue(in: error.message) ?? BodyMutator.unquotableValue(in: error.field) {
                    failures.insert("\(error.field) \(error.code) quotes the value \(quoted): \(error.message)")
                }
            }
        }
    }

    func merging(_ other: Tally) -> Tally {
        Tally(accepted: accepted + other.accepted, codes: codes.merging(other.codes, uniquingKeysWith: +), failures: failures.union(other.failures))
    }
}

private func envelope(_ type: String, _ body: [UInt8]) -> Envelope {
    Envelope(type: type, producer: "fuzz", body: body)
}

