import Domain

/// Writes an ``Invoice`` as an OIOUBL 2.02 document: a UBL 2.0 `Invoice` (type code 380) or
/// `CreditNote`, in the `Procurement-BilSim-1.0` profile, that the OIOUBL schematron accepts.
///
/// The document has the customer's EAN number as its endpoint (`GLN`), the supplier's CVR
/// (`DK:CVR`, and as VAT number `DK:SE`), the customer's order reference and contact (whose ID is
/// the person reference), one VAT subtotal (`StandardRated`, 25 %, tax scheme `63`), the totals,
/// and one line per ``InvoiceLine``. An invoice adds payment means 42 (`DK:BANK`) to the
/// supplier's bank account, due on the due date; a credit note adds a `BillingReference` to the
/// invoice it credits, and its amounts are positive like the invoice's.
///
/// UBL 2.0's `CreditNote` has no type code element (381 is implied by the document) and no
/// payment means; OIOUBL puts `TaxExclusiveAmount` = the VAT, not the net.
public struct OIOUBLWriter: Sendable {
    public init() {}

    /// The document as UTF-8 bytes.
    public func bytes(for invoice: Invoice) -> [UInt8] {
        var xml = XMLWriter()
        let isInvoice = invoice.kind == .invoice
        let root = isInvoice ? "Invoice" : "CreditNote"
        xml.element(root, [
            "xmlns": "urn:oasis:names:specification:ubl:schema:xsd:\(root)-2",
            "xmlns:cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
            "xmlns:cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
        ]) { xml in
            header(of: invoice, into: &xml)
            xml.element("cac:AccountingSupplierParty") { supplierParty(invoice.supplier, into: &$0) }
            xml.element("cac:AccountingCustomerParty") { customerParty(invoice.customer, into: &$0) }
            if isInvoice { paymentMeans(of: invoice, into: &xml) }
            taxTotal(net: invoice.totals.net, vat: invoice.totals.vat, into: &xml)
            monetaryTotal(invoice.totals, into: &xml)
            for line in invoice.lines { self.line(line, kind: invoice.kind, into: &xml) }
        }
        return xml.bytes
    }

    /// The document as text (UTF-8 declared).
    public func document(for invoice: Invoice) -> String {
        String(decoding: bytes(for: invoice), as: UTF8.self)
    }

    private func header(of invoice: Invoice, into xml: inout XMLWriter) {
        xml.element("cbc:UBLVersionID", OIOUBLIdentifiers.ublVersion)
        xml.element("cbc:CustomizationID", OIOUBLIdentifiers.customization)
        xml.element("cbc:ProfileID", OIOUBLIdentifiers.profileScheme, OIOUBLIdentifiers.profile)
        xml.element("cbc:ID", String(invoice.number))
        xml.element("cbc:IssueDate", invoice.issueDate.description)
        if invoice.kind == .invoice {
            xml.element("cbc:InvoiceTypeCode", OIOUBLIdentifiers.invoiceTypeCodeList, OIOUBLIdentifiers.invoiceTypeCode)
        }
        xml.element("cbc:DocumentCurrencyCode", Invoice.currency)
        if let orderReference = invoice.customer.orderReference {
            xml.element("cac:OrderReference") { $0.element("cbc:ID", orderReference) }
        }
        if let credited = invoice.creditedInvoiceNumber {
            xml.element("cac:BillingReference") { xml in
                xml.element("cac:InvoiceDocumentReference") { $0.element("cbc:ID", String(credited)) }
            }
        }
    }

    private func monetaryTotal(_ totals: InvoiceTotals, into xml: inout XMLWriter) {
        xml.element("cac:LegalMonetaryTotal") { xml in
            xml.element("cbc:LineExtensionAmount", Self.dkk, totals.net.decimalText)
            // OIOUBL: TaxExclusiveAmount is the sum of the VAT (rule F-INV127), not the net.
            xml.element("cbc:TaxExclusiveAmount", Self.dkk, totals.vat.decimalText)
            xml.element("cbc:TaxInclusiveAmount", Self.dkk, totals.gross.decimalText)
            xml.element("cbc:PayableAmount", Self.dkk, totals.gross.decimalText)
        }
    }

    static let dkk: KeyValuePairs<String, String> = ["currencyID": Invoice.currency]
}
