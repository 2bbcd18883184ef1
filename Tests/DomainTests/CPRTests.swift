import Domain
import XCTest

final class CPRTests: XCTestCase {
    // MARK: Forms

    func testAcceptsDashAndBareDigits() throws {
        let dashed = try CPR("010203-1234")
        let bare = try CPR("0102031234")
        XCTAssertEqual(dashed, bare)
        XCTAssertEqual(dashed.digits, "0102031234")
        XCTAssertEqual(bare.formatted, "010203-1234")
    }

    func testBirthDate() throws {
        let birthDate = try CPR("241287-1234").birthDate
        XCTAssertEqual([birthDate.year, birthDate.month, birthDate.day], [1987, 12, 24])
    }

    // MARK: Century from the seventh digit

    func testSeventhDigitZeroToThreeIsTwentiethCentury() throws {
        for seventh in 0...3 {
            XCTAssertEqual(try year(of: "010100-\(seventh)000"), 1900)
            XCTAssertEqual(try year(of: "010136-\(seventh)000"), 1936)
            XCTAssertEqual(try year(of: "010199-\(seventh)000"), 1999)
        }
    }

    func testSeventhDigitFourOrNineSwitchesCenturyAfter36() throws {
        for seventh in [4, 9] {
            XCTAssertEqual(try year(of: "010100-\(seventh)000"), 2000)
            XCTAssertEqual(try year(of: "010136-\(seventh)000"), 2036)
            XCTAssertEqual(try year(of: "010137-\(seventh)000"), 1937)
            XCTAssertEqual(try year(of: "010199-\(seventh)000"), 1999)
        }
    }

    func testSeventhDigitFiveToEightSwitchesToNineteenthCenturyAfter57() throws {
        for seventh in 5...8 {
            XCTAssertEqual(try year(of: "010100-\(seventh)000"), 2000)
            XCTAssertEqual(try year(of: "010157-\(seventh)000"), 2057)
            XCTAssertEqual(try year(of: "010158-\(seventh)000"), 1858)
            XCTAssertEqual(try year(of: "010199-\(seventh)000"), 1899)
        }
    }

    // MARK: Dates

    func testRejectsDaysThatDoNotExist() {
        for input in ["310299-1234", "290299-1234", "310499-1234", "320199-1234", "000199-1234", "010099-1234", "011399-1234"] {
            XCTAssertThrowsError(try CPR(input), input) { XCTAssertEqual($0 as? CPRError, .notADate) }
        }
    }

    func testLeapDayDependsOnCentury() throws {
        // 2000 is a leap year (divisible by 400), 1900 is not (divisible by 100 only).
        XCTAssertEqual(try year(of: "290200-4000"), 2000)
        XCTAssertThrowsError(try CPR("290200-1000")) { XCTAssertEqual($0 as? CPRError, .notADate) }
        XCTAssertEqual(try year(of: "290200-9000"), 2000)
        XCTAssertEqual(try year(of: "290200-5000"), 2000)
        XCTAssertEqual(try year(of: "290296-1000"), 1996)
        XCTAssertThrowsError(try CPR("290297-1000")) { XCTAssertEqual($0 as? CPRError, .notADate) }
    }

    // MARK: Rejected forms

    func testRejectsOtherCharacters() {
        for input in ["010203 1234", " 0102031234", "0102031234 ", "01.02.03-1234", "0102-031234", "0102031234-", "010203–1234", "01020３1234"] {
            XCTAssertThrowsError(try CPR(input), input) { XCTAssertEqual($0 as? CPRError, .nonDigit) }
        }
    }

    func testRejectsWrongLength() {
        for input in ["", "010203-123", "010203123", "010203-12345", "01020312345", "010203-"] {
            XCTAssertThrowsError(try CPR(input), input) { XCTAssertEqual($0 as? CPRError, .wrongLength) }
        }
    }

    func testErrorTextHoldsNoDigitsOfTheInput() {
        for input in ["0102031234x", "010203 1234", "0102-031234", "310299-5678", "98765", "290200-1000"] {
            XCTAssertThrowsError(try CPR(input), input) { error in
                for text in ["\(error)", String(reflecting: error)] {
                    XCTAssertFalse(text.contains { $0.isASCII && $0.isNumber }, "\(input): \(text)")
                }
            }
        }
    }

    // MARK: Masking

    func testMaskedHidesTheSerialNumber() throws {
        let cpr = try CPR("0102031234")
        XCTAssertEqual(cpr.masked, "010203-****")
        XCTAssertEqual("\(cpr)", "010203-****")
        XCTAssertEqual(String(describing: cpr), "010203-****")
        XCTAssertEqual(String(reflecting: cpr), "010203-****")
        XCTAssertEqual("\([cpr])", "[010203-****]")
        XCTAssertEqual("\(Optional(cpr) as Any)", "Optional(010203-****)")
    }

    func testDumpShowsOnlyTheMaskedForm() throws {
        var dumped = ""
        dump(try CPR("0102031234"), to: &dumped)
        XCTAssertFalse(dumped.contains("1234"), dumped)
        XCTAssertTrue(dumped.contains("010203-****"), dumped)
    }

    private func year(of input: String) throws -> Int { try CPR(input).birthDate.year }
}
