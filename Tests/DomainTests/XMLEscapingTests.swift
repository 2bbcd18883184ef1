import Domain
import XCTest

final class XMLEscapingTests: XCTestCase {
    func testEscapesTheFiveMarkupCharacters() {
        XCTAssertEqual(#"Møller & Søn <"A/S"> 'x'"#.xmlEscaped, "Møller &amp; Søn &lt;&quot;A/S&quot;&gt; &apos;x&apos;")
        XCTAssertEqual("&amp;".xmlEscaped, "&amp;amp;")
        XCTAssertEqual("Ishøj æøå ÆØÅ é 🚗".xmlEscaped, "Ishøj æøå ÆØÅ é 🚗")
    }

    func testReplacesCharactersXMLCannotCarry() {
        XCTAssertEqual("a\u{0}b\u{1B}c\u{FFFF}".xmlEscaped, "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        XCTAssertEqual("a\tb\nc\rd".xmlEscaped, "a\tb\nc&#13;d")
    }
}
