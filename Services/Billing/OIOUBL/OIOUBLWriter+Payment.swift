extension OIOUBLWriter {
    /// Payment means 42 through the Danish banks (`DK:BANK`) to the supplier's account, due on
    /// the invoice's due date.
    func paymentMeans(of invoice: Invoice, into xml: inout XMLWriter) {
        let account = invoice.supplier.bankAccount
        xml.element("cac:PaymentMeans") { xml in
            xml.element("cbc:ID", "1")
            xml.element("cbc:PaymentMeansCode", OIOUBLIdentifiers.bankTransfer)
            xml.element("cbc:PaymentDueDate", invoice.dueDate.description)
            xml.element("cbc:PaymentChannelCode", OIOUBLIdentifiers.paymentChannelList, OIOUBLIdentifiers.bankChannel)
            xml.element("cac:PayeeFinancialAccount") { xml in
                xml.element("cbc:ID", account.accountNumber)
                xml.element("cac:FinancialInstitutionBranch") { $0.element("cbc:ID", account.registrationNumber) }
            }
        }
    }
}
