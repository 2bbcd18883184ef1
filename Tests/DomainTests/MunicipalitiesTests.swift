import Domain
import Foundation
import XCTest

final class MunicipalitiesTests: XCTestCase {
    private let municipalities = Municipalities.denmark

    func testHasAllNinetyEight() {
        XCTAssertEqual(municipalities.all.count, 98)
        XCTAssertEqual(Set(municipalities.all.map(\.code)).count, 98)
    }

    func testResolvesCode() {
        XCTAssertEqual(municipalities.resolve("615")?.name, "Horsens")
        XCTAssertEqual(municipalities.resolve(" 766 ")?.name, "Hedensted")
        XCTAssertEqual(municipalities.municipality(code: "101")?.name, "København")
    }

    func testResolvesFourDigitCode() {
        XCTAssertEqual(municipalities.resolve("0615")?.code, "615")
        XCTAssertEqual(municipalities.resolve("0101")?.name, "København")
        XCTAssertNil(municipalities.resolve("1615"))
        XCTAssertNil(municipalities.municipality(code: "0615"), "lookup by code takes the canonical three digits")
    }

    func testResolvesNameInAnyCase() {
        XCTAssertEqual(municipalities.resolve("Horsens")?.code, "615")
        XCTAssertEqual(municipalities.resolve("HORSENS")?.code, "615")
        XCTAssertEqual(municipalities.resolve("  horsens ")?.code, "615")
        XCTAssertEqual(municipalities.resolve("Horsens")?.region, .midtjylland)
    }

    func testResolvesDanishLetterSpellings() {
        for spelling in ["København", "Koebenhavn", "Kobenhavn", "KØBENHAVN"] {
            XCTAssertEqual(municipalities.resolve(spelling)?.code, "101", spelling)
        }
        for spelling in ["Aarhus", "Århus", "aarhus"] {
            XCTAssertEqual(municipalities.resolve(spelling)?.code, "751", spelling)
        }
        for spelling in ["Høje-Taastrup", "Hoeje Taastrup", "Høje Tåstrup", "hoeje-taastrup"] {
            XCTAssertEqual(municipalities.resolve(spelling)?.code, "169", spelling)
        }
        XCTAssertEqual(municipalities.resolve("Aeroe")?.name, "Ærø")
        XCTAssertEqual(municipalities.resolve("Ringkoebing-Skjern")?.name, "Ringkøbing-Skjern")
    }

    func testUnknownInputResolvesToNil() {
        for input in ["", "   ", "Horsnes", "Malmö", "999", "61", "00615"] {
            XCTAssertNil(municipalities.resolve(input), input)
        }
    }

    func testCodesAsKommunekode() throws {
        let horsens = try XCTUnwrap(municipalities.resolve("Horsens"))
        let encoded = try JSONEncoder().encode([horsens])
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), #"["615"]"#)
        XCTAssertEqual(try JSONDecoder().decode([Municipality].self, from: encoded), [horsens])
        XCTAssertThrowsError(try JSONDecoder().decode([Municipality].self, from: Data(#"["999"]"#.utf8)))
    }
}
