import Domain
import XCTest

final class EmailAddressTests: XCTestCase {
    func testAcceptsPlausibleAddressAndLowercasesDomain() throws {
        XCTAssertEqual(try EmailAddress("mette@horsens.dk").value, "mette@horsens.dk")
        XCTAssertEqual(try EmailAddress("  Mette.Kjaer@Horsens.DK ").value, "Mette.Kjaer@horsens.dk")
        XCTAssertEqual(try EmailAddress("jobshop+2017@jobcenter.horsens.dk").value, "jobshop+2017@jobcenter.horsens.dk")
    }

    func testRejectsEachKindOfFault() {
        let cases: [(String, EmailAddressError)] = [
            ("mette.horsens.dk", .missingAtSign),
            ("mette@kjaer@horsens.dk", .multipleAtSigns),
            ("@horsens.dk", .emptyLocalPart),
            ("mette@horsens", .invalidDomain),
            ("mette@horsens.", .invalidDomain),
            ("mette@.dk", .invalidDomain),
            ("mette@horsens..dk", .invalidDomain),
            ("mette kjaer@horsens.dk", .whitespaceOrControlCharacter),
            ("mette\u{7}@horsens.dk", .whitespaceOrControlCharacter),
            (String(repeating: "a", count: 250) + "@x.dk", .tooLong(bytes: 255)),
        ]
        for (input, expected) in cases {
            XCTAssertThrowsError(try EmailAddress(input), input) { XCTAssertEqual($0 as? EmailAddressError, expected, input) }
        }
    }

    func testAcceptsMaximumLength() throws {
        XCTAssertNoThrow(try EmailAddress(String(repeating: "a", count: 249) + "@x.dk"))
    }
}
