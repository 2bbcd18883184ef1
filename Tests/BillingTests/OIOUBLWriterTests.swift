import Billing
import Domain
import XCTest

final class OIOUBLWriterTests: XCTestCase {
    /// Code of Care as the supplier file describes it, written out so the golden document does
    /// not change when the file does.
    private func supplier() throws -> Supplier {
        Supplier(
            name: "Code of Care", cvr: try CVR("33890583"),
            address: PostalAddress(street: "Brotorvet 2 D, 1. sal", postalCode: "7500", city: "Holstebro"),
            email: try EmailAddress("lone@codeofcare.dk"),
            bankAccount: BankAccount(registrationNumber: "0001", accountNumber: "0001234567")!
        )
    }

    private func instalment() throws -> Invoice {
        try Invoice.invoice(
            number: 7, issueDate: BillingFixtures.date("2025-02-03"), paymentTermsDays: 30,
            customer: try BillingFixtures.ishoj(), supplier: try supplier(),
            lines: [.single(lineId: "1", description: "Task Force Ishøj, rate 6 af 6", price: Money(kroner: 150_000))]
        )
    }

    func testAnOIOUBLInvoiceIsWrittenAsTheGoldenDocument() throws {
        XCTAssertEqual(OIOUBLWriter().document(for: try instalment()), Self.goldenInvoice)
        XCTAssertTrue(OIOUBLWriter().bytes(for: try instalment()) == Array(Self.goldenInvoice.utf8))
    }

    func testAnOIOUBLCreditNoteReferencesTheInvoiceWithPositiveAmounts() throws {
        let credit = try Invoice.creditNote(number: 8, issueDate: BillingFixtures.date("2025-02-10"), crediting: try instalment())
        let document = OIOUBLWriter().document(for: credit)
        for expected in [
            #"<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2""#,
            "  <cbc:ID>8</cbc:ID>\n  <cbc:IssueDate>2025-02-10</cbc:IssueDate>\n  <cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>",
            "  </cac:OrderReference>\n  <cac:BillingReference>\n    <cac:InvoiceDocumentReference>\n      <cbc:ID>7</cbc:ID>",
            #"<cbc:PayableAmount currencyID="DKK">187500.00</cbc:PayableAmount>"#,
            #"<cac:CreditNoteLine>\#n    <cbc:ID>1</cbc:ID>\#n    <cbc:CreditedQuantity unitCode="EA">1</cbc:CreditedQuantity>"#,
            "</CreditNote>\n",
        ] {
            XCTAssertTrue(document.contains(expected), expected)
        }
        for absent in ["InvoiceTypeCode", "PaymentMeans", "InvoiceLine", ">-"] {
            XCTAssertFalse(document.contains(absent), absent)
        }
    }

    func testWithoutAnOrderReferenceThereIsNoOrderReference() throws {
        let invoice = try Invoice.invoice(
            number: 9, issueDate: BillingFixtures.date("2025-02-03"), paymentTermsDays: 30,
            customer: try BillingFixtures.ishoj(orderReference: nil), supplier: try supplier(),
            lines: [.single(lineId: "1", description: "x", price: Money(ore: 100))]
        )
        XCTAssertFalse(OIOUBLWriter().document(for: invoice).contains("OrderReference"))
    }

    func testValuesAreEscaped() throws {
        let line = InvoiceLine.single(lineId: "A&B", description: "Foredrag <\"Peter\"> & 'co'", price: Money(ore: 100))
        let invoice = try Invoice.invoice(
            number: 10, issueDate: BillingFixtures.date("2025-02-03"), paymentTermsDays: 30,
            customer: try BillingFixtures.ishoj(orderReference: "PO&1"), supplier: try supplier(), lines: [line]
        )
        let document = OIOUBLWriter().document(for: invoice)
        XCTAssertTrue(document.contains("<cbc:ID>A&amp;B</cbc:ID>"))
        XCTAssertTrue(document.contains("<cbc:ID>PO&amp;1</cbc:ID>"))
        XCTAssertTrue(document.contains("<cbc:Description>Foredrag &lt;&quot;Peter&quot;&gt; &amp; &apos;co&apos;</cbc:Description>"))
    }

    static let goldenInvoice = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:UBLVersionID>2.0</cbc:UBLVersionID>
          <cbc:CustomizationID>OIOUBL-2.02</cbc:CustomizationID>
          <cbc:ProfileID schemeAgencyID="320" schemeID="urn:oioubl:id:profileid-1.2">Procurement-BilSim-1.0</cbc:ProfileID>
          <cbc:ID>7</cbc:ID>
          <cbc:IssueDate>2025-02-03</cbc:IssueDate>
          <cbc:InvoiceTypeCode listAgencyID="320" listID="urn:oioubl:codelist:invoicetypecode-1.1">380</cbc:InvoiceTypeCode>
          <cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>
          <cac:OrderReference>
            <cbc:ID>TF-ISHOJ-2022</cbc:ID>
          </cac:OrderReference>
          <cac:AccountingSupplierParty>
            <cac:Party>
              <cbc:EndpointID schemeAgencyID="320" schemeID="DK:CVR">DK33890583</cbc:EndpointID>
              <cac:PartyIdentification>
                <cbc:ID schemeAgencyID="320" schemeID="DK:CVR">DK33890583</cbc:ID>
              </cac:PartyIdentification>
              <cac:PartyName>
                <cbc:Name>Code of Care</cbc:Name>
              </cac:PartyName>
              <cac:PostalAddress>
                <cbc:AddressFormatCode listAgencyID="320" listID="urn:oioubl:codelist:addressformatcode-1.1">StructuredLax</cbc:AddressFormatCode>
                <cbc:StreetName>Brotorvet 2 D, 1. sal</cbc:StreetName>
                <cbc:CityName>Holstebro</cbc:CityName>
                <cbc:PostalZone>7500</cbc:PostalZone>
                <cac:Country>
                  <cbc:IdentificationCode>DK</cbc:IdentificationCode>
                </cac:Country>
              </cac:PostalAddress>
              <cac:PartyTaxScheme>
                <cbc:CompanyID schemeAgencyID="320" schemeID="DK:SE">DK33890583</cbc:CompanyID>
                <cac:TaxScheme>
                  <cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxschemeid-1.1">63</cbc:ID>
                  <cbc:Name>Moms</cbc:Name>
                </cac:TaxScheme>
              </cac:PartyTaxScheme>
              <cac:PartyLegalEntity>
                <cbc:RegistrationName>Code of Care</cbc:RegistrationName>
                <cbc:CompanyID schemeAgencyID="320" schemeID="DK:CVR">DK33890583</cbc:CompanyID>
              </cac:PartyLegalEntity>
            </cac:Party>
          </cac:AccountingSupplierParty>
          <cac:AccountingCustomerParty>
            <cac:Party>
              <cbc:EndpointID schemeAgencyID="9" schemeID="GLN">5798000000001</cbc:EndpointID>
              <cac:PartyIdentification>
                <cbc:ID schemeAgencyID="320" schemeID="DK:CVR">DK11931316</cbc:ID>
              </cac:PartyIdentification>
              <cac:PartyName>
                <cbc:Name>Ishøj Kommune</cbc:Name>
              </cac:PartyName>
              <cac:PostalAddress>
                <cbc:AddressFormatCode listAgencyID="320" listID="urn:oioubl:codelist:addressformatcode-1.1">StructuredLax</cbc:AddressFormatCode>
                <cbc:StreetName>Vejlebrovej 59A</cbc:StreetName>
                <cbc:CityName>Ishøj</cbc:CityName>
                <cbc:PostalZone>2635</cbc:PostalZone>
                <cac:Country>
                  <cbc:IdentificationCode>DK</cbc:IdentificationCode>
                </cac:Country>
              </cac:PostalAddress>
              <cac:PartyLegalEntity>
                <cbc:RegistrationName>Ishøj Kommune</cbc:RegistrationName>
                <cbc:CompanyID schemeAgencyID="320" schemeID="DK:CVR">DK11931316</cbc:CompanyID>
              </cac:PartyLegalEntity>
              <cac:Contact>
                <cbc:ID>JDP</cbc:ID>
                <cbc:Name>Jørgen Dan Pedersen</cbc:Name>
                <cbc:ElectronicMail>jdanp@ishoj.dk</cbc:ElectronicMail>
              </cac:Contact>
            </cac:Party>
          </cac:AccountingCustomerParty>
          <cac:PaymentMeans>
            <cbc:ID>1</cbc:ID>
            <cbc:PaymentMeansCode>42</cbc:PaymentMeansCode>
            <cbc:PaymentDueDate>2025-03-05</cbc:PaymentDueDate>
            <cbc:PaymentChannelCode listAgencyID="320" listID="urn:oioubl:codelist:paymentchannelcode-1.1">DK:BANK</cbc:PaymentChannelCode>
            <cac:PayeeFinancialAccount>
              <cbc:ID>0001234567</cbc:ID>
              <cac:FinancialInstitutionBranch>
                <cbc:ID>0001</cbc:ID>
              </cac:FinancialInstitutionBranch>
            </cac:PayeeFinancialAccount>
          </cac:PaymentMeans>
          <cac:TaxTotal>
            <cbc:TaxAmount currencyID="DKK">37500.00</cbc:TaxAmount>
            <cac:TaxSubtotal>
              <cbc:TaxableAmount currencyID="DKK">150000.00</cbc:TaxableAmount>
              <cbc:TaxAmount currencyID="DKK">37500.00</cbc:TaxAmount>
              <cac:TaxCategory>
                <cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxcategoryid-1.1">StandardRated</cbc:ID>
                <cbc:Percent>25</cbc:Percent>
                <cac:TaxScheme>
                  <cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxschemeid-1.1">63</cbc:ID>
                  <cbc:Name>Moms</cbc:Name>
                </cac:TaxScheme>
              </cac:TaxCategory>
            </cac:TaxSubtotal>
          </cac:TaxTotal>
          <cac:LegalMonetaryTotal>
            <cbc:LineExtensionAmount currencyID="DKK">150000.00</cbc:LineExtensionAmount>
            <cbc:TaxExclusiveAmount currencyID="DKK">37500.00</cbc:TaxExclusiveAmount>
            <cbc:TaxInclusiveAmount currencyID="DKK">187500.00</cbc:TaxInclusiveAmount>
            <cbc:PayableAmount currencyID="DKK">187500.00</cbc:PayableAmount>
          </cac:LegalMonetaryTotal>
          <cac:InvoiceLine>
            <cbc:ID>1</cbc:ID>
            <cbc:InvoicedQuantity unitCode="EA">1</cbc:InvoicedQuantity>
            <cbc:LineExtensionAmount currencyID="DKK">150000.00</cbc:LineExtensionAmount>
            <cac:TaxTotal>
              <cbc:TaxAmount currencyID="DKK">37500.00</cbc:TaxAmount>
              <cac:TaxSubtotal>
                <cbc:TaxableAmount currencyID="DKK">150000.00</cbc:TaxableAmount>
                <cbc:TaxAmount currencyID="DKK">37500.00</cbc:TaxAmount>
                <cac:TaxCategory>
                  <cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxcategoryid-1.1">StandardRated</cbc:ID>
                  <cbc:Percent>25</cbc:Percent>
                  <cac:TaxScheme>
                    <cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxschemeid-1.1">63</cbc:ID>
                    <cbc:Name>Moms</cbc:Name>
                  </cac:TaxScheme>
                </cac:TaxCategory>
              </cac:TaxSubtotal>
            </cac:TaxTotal>
            <cac:Item>
              <cbc:Description>Task Force Ishøj, rate 6 af 6</cbc:Description>
              <cbc:Name>Task Force Ishøj, rate 6 af 6</cbc:Name>
            </cac:Item>
            <cac:Price>
              <cbc:PriceAmount currencyID="DKK">150000.00</cbc:PriceAmount>
              <cbc:BaseQuantity unitCode="EA">1</cbc:BaseQuantity>
            </cac:Price>
          </cac:InvoiceLine>
        </Invoice>

        """
}
