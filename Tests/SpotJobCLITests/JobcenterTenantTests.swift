import Foundation
@testable import SpotJobCLI
import XCTest

/// A jobcenter added with `spotjob jobcenters add` is the same as one provisioned from
/// `deploy/rabbitmq/permissions.tsv`.
final class JobcenterTenantTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testTheProvisionedJobcentersHaveATenantsPermissions() throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("deploy/rabbitmq/permissions.tsv"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let jobcenters = rows.filter { $0.first?.hasPrefix(JobcenterTenant.userPrefix) ?? false }
        XCTAssertEqual(jobcenters.map { $0[0] }.sorted(), ["jobcenter-183", "jobcenter-615", "jobcenter-661", "jobcenter-766"])
        for row in jobcenters {
            let tenant = try JobcenterTenant(kommunekode: String(row[0].dropFirst("jobcenter-".count)))
            XCTAssertEqual(tenant.user, row[0])
            XCTAssertEqual(Array(row.dropFirst()), tenant.permissionColumns, row[0])
        }
    }

    func testAJobcenterIsAKnownThreeDigitKommunekode() throws {
        XCTAssertEqual(try JobcenterTenant(kommunekode: "615").municipality.name, "Horsens")
        XCTAssertEqual(try JobcenterTenant(kommunekode: "615").queue, "jobcenter.615")
        for text in ["61", "6150", "６１５", "abc", "", "999"] {
            XCTAssertThrowsError(try JobcenterTenant(kommunekode: text), text)
        }
        XCTAssertEqual(JobcenterTenant.kommunekode(of: "jobcenter-615"), "615")
        XCTAssertEqual(JobcenterTenant.kommunekode(of: "jobcenter.766"), "766")
        XCTAssertNil(JobcenterTenant.kommunekode(of: "jobcenter.999"))
        XCTAssertNil(JobcenterTenant.kommunekode(of: "jobcenter"))
    }

    func testGeneratedPasswordsAreLongLettersAndDigitsAndDiffer() {
        let passwords = (0..<20).map { _ in GeneratedPassword.make() }
        XCTAssertEqual(Set(passwords).count, 20)
        for password in passwords {
            XCTAssertEqual(password.count, 32)
            XCTAssertTrue(password.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
    }

    func testTheTenantsURLIsTheAdministratorsAddressWithItsOwnUser() throws {
        XCTAssertEqual(
            try TenantURL.make(user: "jobcenter-630", password: "pw", likeAdministrator: "amqps://spotjob-admin:x@localhost:25671/spotjob?cacertfile=/ca.pem"),
            "amqps://jobcenter-630:pw@localhost:25671/spotjob?cacertfile=/ca.pem")
        XCTAssertThrowsError(try TenantURL.make(user: "u", password: "p", likeAdministrator: "amqp://spotjob-admin:x@localhost:25672/spotjob"))
    }
}
