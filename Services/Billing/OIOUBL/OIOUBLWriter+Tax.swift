import Domain

extension OIOUBLWriter {
    /// A `TaxTotal` with its one subtotal: `vat` on `net`, standard rated at 25 %.
    func taxTotal(net: Money, vat: Money, into xml: inout XMLWriter) {
        xml.element("cac:TaxTotal") { xml in
            xml.element("cbc:TaxAmount", Self.dkk, vat.decimalText)
            xml.element("cac:TaxSubtotal") { xml in
                xml.element("cbc:TaxableAmount", Self.dkk, net.decimalText)
                xml.element("cbc:TaxAmount", Self.dkk, vat.decimalText)
                xml.element("cac:TaxCategory") { xml in
                    xml.element("cbc:ID", OIOUBLIdentifiers.taxCategoryScheme, OIOUBLIdentifiers.standardRated)
                    xml.element("cbc:Percent", String(Money.vatPercent))
                    taxScheme(into: &xml)
                }
            }
        }
    }

    /// Tax scheme 63, Danish VAT.
    func taxScheme(into xml: inout XMLWriter) {
        xml.element("cac:TaxScheme") { xml in
            xml.element("cbc:ID", OIOUBLIdentifiers.taxSchemeScheme, OIOUBLIdentifiers.vatTaxScheme)
            xml.element("cbc:Name", OIOUBLIdentifiers.vatTaxSchemeName)
        }
    }
}
