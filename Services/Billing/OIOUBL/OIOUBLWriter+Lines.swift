import Domain

extension OIOUBLWriter {
    /// An `InvoiceLine` or `CreditNoteLine`: quantity in its unit code, net amount, the line's own
    /// VAT (25 % of its amount, informative: the document's VAT is computed on the net total),
    /// the item, and the unit price per one unit.
    func line(_ line: InvoiceLine, kind: InvoiceKind, into xml: inout XMLWriter) {
        let (element, quantity) = kind == .invoice
            ? ("cac:InvoiceLine", "cbc:InvoicedQuantity")
            : ("cac:CreditNoteLine", "cbc:CreditedQuantity")
        let unit: KeyValuePairs<String, String> = ["unitCode": line.unitCode.rawValue]
        xml.element(element) { xml in
            xml.element("cbc:ID", line.lineId)
            xml.element(quantity, unit, line.quantity.decimalText)
            xml.element("cbc:LineExtensionAmount", Self.dkk, line.amount.decimalText)
            taxTotal(net: line.amount, vat: Money.vat(ofNet: line.amount), into: &xml)
            xml.element("cac:Item") { xml in
                xml.element("cbc:Description", line.description)
                xml.element("cbc:Name", line.description)
            }
            xml.element("cac:Price") { xml in
                xml.element("cbc:PriceAmount", Self.dkk, line.unitPrice.decimalText)
                xml.element("cbc:BaseQuantity", unit, "1")
            }
        }
    }
}
