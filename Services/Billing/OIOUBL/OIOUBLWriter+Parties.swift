import Domain

extension OIOUBLWriter {
    /// Code of Care: endpoint and identification by CVR, name, address, VAT registration, legal entity.
    func supplierParty(_ supplier: Supplier, into xml: inout XMLWriter) {
        let cvr = "DK" + supplier.cvr.value
        xml.element("cac:Party") { xml in
            xml.element("cbc:EndpointID", OIOUBLIdentifiers.cvrScheme, cvr)
            xml.element("cac:PartyIdentification") { $0.element("cbc:ID", OIOUBLIdentifiers.cvrScheme, cvr) }
            xml.element("cac:PartyName") { $0.element("cbc:Name", supplier.name) }
            address(supplier.address, into: &xml)
            xml.element("cac:PartyTaxScheme") { xml in
                xml.element("cbc:CompanyID", OIOUBLIdentifiers.seScheme, cvr)
                taxScheme(into: &xml)
            }
            legalEntity(name: supplier.name, cvr: cvr, into: &xml)
        }
    }

    /// The customer: its EAN number as endpoint, CVR, name, address, legal entity, and the
    /// contact whose ID is the customer's person reference.
    func customerParty(_ customer: Customer, into xml: inout XMLWriter) {
        let cvr = "DK" + customer.cvr.value
        xml.element("cac:Party") { xml in
            xml.element("cbc:EndpointID", OIOUBLIdentifiers.glnScheme, customer.ean.value)
            xml.element("cac:PartyIdentification") { $0.element("cbc:ID", OIOUBLIdentifiers.cvrScheme, cvr) }
            xml.element("cac:PartyName") { $0.element("cbc:Name", customer.name) }
            address(customer.address, into: &xml)
            legalEntity(name: customer.name, cvr: cvr, into: &xml)
            xml.element("cac:Contact") { xml in
                xml.element("cbc:ID", customer.personReference)
                xml.element("cbc:Name", customer.contactPerson)
                xml.element("cbc:ElectronicMail", customer.email.value)
            }
        }
    }

    private func address(_ address: PostalAddress, into xml: inout XMLWriter) {
        xml.element("cac:PostalAddress") { xml in
            xml.element("cbc:AddressFormatCode", OIOUBLIdentifiers.addressFormatList, OIOUBLIdentifiers.addressFormat)
            xml.element("cbc:StreetName", address.street)
            xml.element("cbc:CityName", address.city)
            xml.element("cbc:PostalZone", address.postalCode)
            xml.element("cac:Country") { $0.element("cbc:IdentificationCode", OIOUBLIdentifiers.country) }
        }
    }

    private func legalEntity(name: String, cvr: String, into xml: inout XMLWriter) {
        xml.element("cac:PartyLegalEntity") { xml in
            xml.element("cbc:RegistrationName", name)
            xml.element("cbc:CompanyID", OIOUBLIdentifiers.cvrScheme, cvr)
        }
    }
}
