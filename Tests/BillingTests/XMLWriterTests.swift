@testable import Billing
import XCTest

final class XMLWriterTests: XCTestCase {
    func testTheWriterEscapesValuesAndAttributes() {
        var xml = XMLWriter()
        xml.element("a", ["b": "1 & \"2\""]) { xml in
            xml.element("c", "<d>")
            xml.element("e", "Ishøj 🚗\r\u{1B}")
        }
        XCTAssertEqual(String(decoding: xml.bytes, as: UTF8.self), """
            <?xml version="1.0" encoding="UTF-8"?>
            <a b="1 &amp; &quot;2&quot;">
              <c>&lt;d&gt;</c>
              <e>Ishøj 🚗&#13;\u{FFFD}</e>
            </a>

            """)
    }
}
