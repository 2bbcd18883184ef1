/// The fixed identifiers an OIOUBL 2.02 document states, as the OIOUBL schematron (1.12.2)
/// accepts them.
enum OIOUBLIdentifiers {
    static let ublVersion = "2.0"
    static let customization = "OIOUBL-2.02"
    /// Basic billing: invoice and credit note, no order or reminder in the process.
    static let profile = "Procurement-BilSim-1.0"
    static let profileScheme: KeyValuePairs<String, String> = ["schemeAgencyID": "320", "schemeID": "urn:oioubl:id:profileid-1.2"]
    static let invoiceTypeCode = "380"
    static let invoiceTypeCodeList: KeyValuePairs<String, String> = ["listAgencyID": "320", "listID": "urn:oioubl:codelist:invoicetypecode-1.1"]
    /// Danish CVR numbers, written `DK` + 8 digits.
    static let cvrScheme: KeyValuePairs<String, String> = ["schemeAgencyID": "320", "schemeID": "DK:CVR"]
    /// Danish VAT (SE) numbers, written `DK` + 8 digits.
    static let seScheme: KeyValuePairs<String, String> = ["schemeAgencyID": "320", "schemeID": "DK:SE"]
    /// GS1 location numbers (EAN), agency 9 = GS1.
    static let glnScheme: KeyValuePairs<String, String> = ["schemeAgencyID": "9", "schemeID": "GLN"]
    static let addressFormat = "StructuredLax"
    static let addressFormatList: KeyValuePairs<String, String> = ["listAgencyID": "320", "listID": "urn:oioubl:codelist:addressformatcode-1.1"]
    static let country = "DK"
    /// Payment means 42: payment to a bank account.
    static let bankTransfer = "42"
    static let bankChannel = "DK:BANK"
    static let paymentChannelList: KeyValuePairs<String, String> = ["listAgencyID": "320", "listID": "urn:oioubl:codelist:paymentchannelcode-1.1"]
    static let standardRated = "StandardRated"
    static let taxCategoryScheme: KeyValuePairs<String, String> = ["schemeAgencyID": "320", "schemeID": "urn:oioubl:id:taxcategoryid-1.1"]
    /// Tax scheme 63: Danish VAT (moms).
    static let vatTaxScheme = "63"
    static let vatTaxSchemeName = "Moms"
    static let taxSchemeScheme: KeyValuePairs<String, String> = ["schemeAgencyID": "320", "schemeID": "urn:oioubl:id:taxschemeid-1.1"]
}
