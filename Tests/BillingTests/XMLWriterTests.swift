@testable import Billing
import XCTest

final class XMLWriterTests: XCTestCase {
    func testTheWriterEscapesValuesAndAttributes() {
        var xml = XMLWriter()
        xml.element("a", ["b": "1 & \"2\""]) { $0.element("c", "<d>") }
        XCTAssertEqual(xml.text, """
            <?xml version="1.0" encoding="UTF-8"?>
            <a b="1 &amp; &quot;2&quot;">
              <c>&lt;d&gt;</c>
            </a>

            """)
    }
}
