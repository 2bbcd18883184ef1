import Chronology
import Domain

/// A contract as billing keeps it (the body of `contract.registered`, validated): who pays, the
/// terms, and the schedule of amounts that fall due.
public struct BillingContract: Sendable, Hashable {
    /// How driving is paid for.
    public enum Mileage: String, Sendable, Hashable, CaseIterable {
        /// In the price (seed 004: "Køretid og udgifter til kørsel … er inkl.").
        case included = "included"
        /// After use at the state rate (seed 001: "Kørsel efter forbrug - statens takst").
        case stateRate = "state-rate"
    }

    public let contractId: String
    public let revision: Int
    public let title: String
    public let customer: Customer
    public let periodStart: CivilDate
    public let periodEnd: CivilDate
    public let signedOn: CivilDate
    public let paymentTermsDays: Int
    public let mileage: Mileage
    public let schedule: [ScheduleLine]

    public init(
        contractId: String, revision: Int, title: String, customer: Customer, periodStart: CivilDate, periodEnd: CivilDate,
        signedOn: CivilDate, paymentTermsDays: Int, mileage: Mileage, schedule: [ScheduleLine]
    ) {
        self.contractId = contractId
        self.revision = revision
        self.title = title
        self.customer = customer
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.signedOn = signedOn
        self.paymentTermsDays = paymentTermsDays
        self.mileage = mileage
        self.schedule = schedule
    }
}
