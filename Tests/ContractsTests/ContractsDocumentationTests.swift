import BodyReading
import Contracts
import Domain
import Foundation
import JSON
import XCTest

/// `docs/messages.md` is the contract outside systems code against; the routing keys and event
/// bodies in `Contracts` must be the ones it documents.
final class ContractsDocumentationTests: XCTestCase {
    static let messages: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/messages.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The text under the heading `### key` (or `## key …`), up to the next heading of that level.
    func section(_ key: String) -> Substring? {
        for marker in ["\n### \(key)\n", "\n## \(key) "] {
            guard let start = Self.messages.range(of: marker) else { continue }
            let level = marker.hasPrefix("\n###") ? "\n### " : "\n## "
            let end = Self.messages.range(of: level, range: start.upperBound..<Self.messages.endIndex)?.lowerBound
            return Self.messages[start.lowerBound..<(end ?? Self.messages.endIndex)]
        }
        return nil
    }

    /// The keys of an encoded body, nested ones dotted (`company.cvr`).
    func keys(of value: some Encodable) throws -> Set<String> {
        guard case .object(let object) = try JSONParser.parse(try JSONCoding.encoder.encode(value)) else { return [] }
        func keys(_ object: JSONObject, prefix: String) -> [String] {
            object.members.flatMap { key, value -> [String] in
                if case .object(let nested) = value { return [prefix + key] + keys(nested, prefix: prefix + key + ".") }
                return [prefix + key]
            }
        }
        return Set(keys(object, prefix: ""))
    }

    func testEveryRoutingKeyIsDocumented() {
        for key in IntakeEvents.consumed + IntakeEvents.emitted {
            XCTAssertNotNil(section(key), "docs/messages.md has no section for \(key)")
        }
    }

    func testEveryFieldOfAnOpeningIsDocumented() throws {
        let opening = OpeningPayload(
            openingId: UUID(), sheetId: "s", revision: 1, source: "jobshop", municipality: "615",
            company: .init(cvr: try CVR("10150817"), name: "Kantinen", employees: 40), category: .kitchenCleaning,
            tasks: [], hoursPerWeek: HoursPerWeek(tenths: 75)!, positions: 1, jobType: .smajob, visitRequested: true,
            submittedAt: Date(), registeredAt: Date())
        let documented = try XCTUnwrap(section(IntakeEvents.openingRegistered))
        for key in try keys(of: opening) {
            let name = key.split(separator: ".").last.map(String.init) ?? key
            XCTAssertTrue(documented.contains("`\(name)`"), "opening.registered does not document \(key)")
        }
    }

    func testEveryFieldOfAWithdrawalAndARejectionIsDocumented() throws {
        let withdrawn = OpeningWithdrawnPayload(openingId: UUID(), sheetId: "s", reason: "r", withdrawnAt: Date())
        let rejected = SheetRejectedPayload(
            messageId: UUID(), sheetId: "s", errors: [FieldError(field: "f", code: .required, message: "m")], receivedAt: Date())
        for (key, payload) in [(IntakeEvents.openingWithdrawn, try keys(of: withdrawn)), (IntakeEvents.sheetRejected, try keys(of: rejected))] {
            let documented = try XCTUnwrap(section(key))
            for field in payload {
                XCTAssertTrue(documented.contains("\(field)"), "\(key) does not document \(field)")
            }
        }
    }
}
