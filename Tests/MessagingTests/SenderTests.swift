import BodyReading
import Messaging
import XCTest

/// Who sent a message, from its broker-checked `user_id`, and what a jobcenter may speak about.
final class SenderTests: XCTestCase {
    func testAJobcentersUserIsItsMunicipalityAndEveryOtherUserIsCodeOfCares() {
        XCTAssertEqual(Sender(userID: "jobcenter-615"), .jobcenter(kommunekode: "615"))
        for user in ["jobcenter", "contracts", "spotjob-admin", "intake", "jobcenter-61", "jobcenter-6155", "jobcenter-６１５"] {
            XCTAssertEqual(Sender(userID: user), .codeOfCare(user: user), user)
        }
        XCTAssertNil(Sender(userID: nil))
        XCTAssertNil(Sender(userID: ""))
    }

    func testAMessageWithoutASenderIsRefusedWhateverItIsAbout() {
        for municipality in ["615", nil] {
            XCTAssertEqual(Sender.refusal(of: nil, about: municipality, field: "municipality")?.code, .unknownSender)
            XCTAssertEqual(Sender.refusal(of: nil, about: municipality, field: "municipality")?.field, "$")
        }
    }

    func testAJobcenterSpeaksOnlyAboutItsOwnMunicipalityAndCodeOfCareAboutAny() {
        let horsens = Sender.jobcenter(kommunekode: "615")
        XCTAssertNil(Sender.refusal(of: horsens, about: "615", field: "municipality"))
        XCTAssertNil(Sender.refusal(of: horsens, about: nil, field: "sheetId"), "not known yet: judged once it is")
        let refusal = Sender.refusal(of: horsens, about: "766", field: "municipality")
        XCTAssertEqual(refusal?.code, .notYourMunicipality)
        XCTAssertEqual(refusal?.field, "municipality")
        XCTAssertFalse(refusal?.message.contains("766") ?? true, "no value is quoted")
        XCTAssertNil(Sender.refusal(of: .codeOfCare(user: "contracts"), about: "766", field: "municipality"))
    }
}
