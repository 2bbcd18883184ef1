import BodyReading
import Domain
import Foundation
import Intake
import XCTest

/// Keeps the inbound contract in `docs/messages.md`, which jobcenter systems code against, in
/// step with the code: every code is explained and every example is what the validator does.
final class MessagesDocumentationTests: XCTestCase {
    private static let messagesURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // IntakeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("docs/messages.md")

    /// The section "sheet.submitted / sheet.withdrawn (inbound to intake)".
    private func inboundSection() throws -> Substring {
        let messages = try String(contentsOf: Self.messagesURL, encoding: .utf8)
        let start = try XCTUnwrap(messages.range(of: "## sheet.submitted / sheet.withdrawn (inbound to intake)"))
        let end = messages.range(of: "\n## ", range: start.upperBound..<messages.endIndex)?.lowerBound ?? messages.endIndex
        return messages[start.lowerBound..<end]
    }

    /// The section's ```json blocks, in order: a sheet, a withdrawal, a faulty sheet, its rejection.
    private func jsonExamples() throws -> [[UInt8]] {
        let blocks = try inboundSection().components(separatedBy: "```json\n").dropFirst()
        return blocks.map { Array(($0.components(separatedBy: "```").first ?? "").utf8) }
    }

    func testExplainsEveryErrorCode() throws {
        let section = try inboundSection()
        for code in FieldError.Code.intake {
            XCTAssertTrue(section.contains("`\(code.rawValue)`"), "docs/messages.md does not explain \(code.rawValue)")
        }
    }

    func testListsEveryKnownTaskCode() throws {
        let section = try inboundSection()
        for code in JobTask.knownCodes {
            XCTAssertTrue(section.contains("`\(code)`"), "docs/messages.md does not list task \(code)")
        }
    }

    func testExamplesAreWhatTheValidatorDoes() throws {
        let examples = try jsonExamples()
        XCTAssertEqual(examples.count, 4)
        guard examples.count == 4 else { return }

        let sheet = try SheetValidator.validateSheet(examples[0], readAt: Date()).get()
        XCTAssertEqual(sheet.municipality.code, "615")
        XCTAssertEqual(sheet.company.cvr.value, "25313763")
        XCTAssertEqual(sheet.contact.phone?.value, "+4575621100")
        XCTAssertEqual(sheet.category, .kitchenCleaning)
        XCTAssertEqual(sheet.tasks, [.known(code: "anrette-fjerne-frokost"), .known(code: "opvask"), .freeText("Vande planter i kantinen")])
        XCTAssertEqual(sheet.jobType, .smajob)

        XCTAssertNoThrow(try SheetValidator.validateWithdrawal(examples[1]).get())

        struct DocumentedRejection: Decodable {
            var sheetId: String?
            var errors: [FieldError]
        }
        let documented = try JSONDecoder().decode(DocumentedRejection.self, from: Data(examples[3]))
        guard case .failure(let rejection) = SheetValidator.validateSheet(examples[2], readAt: Date()) else {
            return XCTFail("the documented faulty sheet was accepted")
        }
        XCTAssertEqual(rejection.subject, documented.sheetId)
        XCTAssertEqual(rejection.errors, documented.errors)
    }
}
