import BodyReading
import Foundation

/// Billing's contract: the routing keys it consumes (contracts, meetings, events, extras, mileage,
/// credit requests) and emits (issued documents, rejections), and the bodies of what it emits and
/// of what the `spotjob` CLI publishes to it. `docs/messages.md` is the contract for outside
/// systems; `ContractsTests` keep the two in step. Billing staff's tools import this, never the
/// `Billing` library.
public enum BillingEvents {
    public static let service = "billing"

    // Consumed
    public static let contractRegistered = "contract.registered"
    public static let meetingHeld = "taskforce.meeting-held"
    public static let eventBooked = "event.booked"
    public static let eventHeld = "event.held"
    public static let eventCancelled = "event.cancelled"
    public static let extraDelivered = "extra.delivered"
    public static let mileageLogged = "mileage.logged"
    public static let creditRequested = "invoice.credit-requested"

    // Emitted
    public static let invoiceIssued = "invoice.issued"
    public static let creditNoteIssued = "credit-note.issued"
    public static let rejected = "billing.rejected"

    /// The queue billing staff read issued documents from (user `billing-staff`, read-only).
    public static let invoicesQueue = "billing.invoices"

    public static let consumed = [
        contractRegistered, meetingHeld, eventBooked, eventHeld, eventCancelled, extraDelivered, mileageLogged,
        creditRequested,
    ]
    public static let emitted = [invoiceIssued, creditNoteIssued, rejected]
}

/// The body of `invoice.issued` and `credit-note.issued`: the whole document, its OIOUBL XML
/// included. Amounts are integer øre and positive in both kinds.
public struct DocumentIssuedPayload: Codable, Sendable, Equatable {
    public struct Customer: Codable, Sendable, Equatable {
        public var name: String
        public var cvr: String
        public var ean: String

        public init(name: String, cvr: String, ean: String) {
            self.name = name
            self.cvr = cvr
            self.ean = ean
        }
    }

    public struct Line: Codable, Sendable, Equatable {
        /// The schedule line's id, `EVENTID/booked` or `EVENTID/held`, the extra's or the trip's id.
        public var lineId: String
        public var description: String
        /// A decimal number as text, e.g. `"1"` or `"123.4"`.
        public var quantity: String
        /// OIOUBL unit code: `EA` (each), `KTM` (kilometre).
        public var unitCode: String
        public var unitPriceOre: Int64
        public var amountOre: Int64

        public init(lineId: String, description: String, quantity: String, unitCode: String, unitPriceOre: Int64, amountOre: Int64) {
            self.lineId = lineId
            self.description = description
            self.quantity = quantity
            self.unitCode = unitCode
            self.unitPriceOre = unitPriceOre
            self.amountOre = amountOre
        }
    }

    public var invoiceNumber: Int
    /// `invoice` or `credit-note`.
    public var kind: String
    public var contractId: String
    public var customer: Customer
    /// `YYYY-MM-DD`, the Copenhagen date of issuing.
    public var issueDate: String
    public var dueDate: String
    public var lines: [Line]
    public var netOre: Int64
    public var vatOre: Int64
    public var grossOre: Int64
    public var currency: String
    public var orderReference: String?
    /// Only in `credit-note.issued`.
    public var creditedInvoiceNumber: Int?
    /// The OIOUBL 2.02 `Invoice` or `CreditNote` document.
    public var oioubl: String

    public init(
        invoiceNumber: Int, kind: String, contractId: String, customer: Customer, issueDate: String, dueDate: String,
        lines: [Line], netOre: Int64, vatOre: Int64, grossOre: Int64, currency: String, orderReference: String?,
        creditedInvoiceNumber: Int?, oioubl: String
    ) {
        self.invoiceNumber = invoiceNumber
        self.kind = kind
        self.contractId = contractId
        self.customer = customer
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.lines = lines
        self.netOre = netOre
        self.vatOre = vatOre
        self.grossOre = grossOre
        self.currency = currency
        self.orderReference = orderReference
        self.creditedInvoiceNumber = creditedInvoiceNumber
        self.oioubl = oioubl
    }

    private enum CodingKeys: String, CodingKey {
        case invoiceNumber, kind, contractId, customer, issueDate, dueDate, lines, netOre, vatOre, grossOre, currency
        case orderReference, creditedInvoiceNumber, oioubl
    }

    /// `orderReference` is always present (`null` when the customer gave none);
    /// `creditedInvoiceNumber` only in a credit note.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(invoiceNumber, forKey: .invoiceNumber)
        try container.encode(kind, forKey: .kind)
        try container.encode(contractId, forKey: .contractId)
        try container.encode(customer, forKey: .customer)
        try container.encode(issueDate, forKey: .issueDate)
        try container.encode(dueDate, forKey: .dueDate)
        try container.encode(lines, forKey: .lines)
        try container.encode(netOre, forKey: .netOre)
        try container.encode(vatOre, forKey: .vatOre)
        try container.encode(grossOre, forKey: .grossOre)
        try container.encode(currency, forKey: .currency)
        if let orderReference {
            try container.encode(orderReference, forKey: .orderReference)
        } else {
            try container.encodeNil(forKey: .orderReference)
        }
        try container.encodeIfPresent(creditedInvoiceNumber, forKey: .creditedInvoiceNumber)
        try container.encode(oioubl, forKey: .oioubl)
    }
}

/// The body of `taskforce.meeting-held`.
public struct MeetingHeldMessage: Codable, Sendable, Equatable {
    public var contractId: String
    public var meetingId: String
    /// `YYYY-MM-DD`.
    public var heldOn: String

    public init(contractId: String, meetingId: String, heldOn: String) {
        self.contractId = contractId
        self.meetingId = meetingId
        self.heldOn = heldOn
    }
}

/// The body of `event.booked`.
public struct EventBookedMessage: Codable, Sendable, Equatable {
    public var contractId: String
    public var eventId: String
    public var title: String
    public var priceOre: Int64
    public var bookedOn: String

    public init(contractId: String, eventId: String, title: String, priceOre: Int64, bookedOn: String) {
        self.contractId = contractId
        self.eventId = eventId
        self.title = title
        self.priceOre = priceOre
        self.bookedOn = bookedOn
    }
}

/// The body of `event.held`.
public struct EventHeldMessage: Codable, Sendable, Equatable {
    public var contractId: String
    public var eventId: String
    public var heldOn: String

    public init(contractId: String, eventId: String, heldOn: String) {
        self.contractId = contractId
        self.eventId = eventId
        self.heldOn = heldOn
    }
}

/// The body of `event.cancelled`.
public struct EventCancelledMessage: Codable, Sendable, Equatable {
    public var contractId: String
    public var eventId: String

    public init(contractId: String, eventId: String) {
        self.contractId = contractId
        self.eventId = eventId
    }
}

/// The body of `extra.delivered`.
public struct ExtraDeliveredMessage: Codable, Sendable, Equatable {
    public var contractId: String
    public var extraId: String
    public var description: String
    public var amountOre: Int64
    public var deliveredOn: String

    public init(contractId: String, extraId: String, description: String, amountOre: Int64, deliveredOn: String) {
        self.contractId = contractId
        self.extraId = extraId
        self.description = description
        self.amountOre = amountOre
        self.deliveredOn = deliveredOn
    }
}

/// The body of `mileage.logged`. `km` is a JSON number with at most one decimal.
public struct MileageLoggedMessage: Codable, Sendable, Equatable {
    public var contractId: String
    public var tripId: String
    public var date: String
    public var km: Double
    public var purpose: String

    public init(contractId: String, tripId: String, date: String, km: Double, purpose: String) {
        self.contractId = contractId
        self.tripId = tripId
        self.date = date
        self.km = km
        self.purpose = purpose
    }
}

/// The body of `invoice.credit-requested`.
public struct CreditRequestedMessage: Codable, Sendable, Equatable {
    public var invoiceNumber: Int
    public var reason: String

    public init(invoiceNumber: Int, reason: String) {
        self.invoiceNumber = invoiceNumber
        self.reason = reason
    }
}
