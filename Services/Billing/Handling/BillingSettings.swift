/// Billing's own settings, from the environment: the supplier (`BILLING_SUPPLIER_FILE`), the state
/// mileage rates (`BILLING_MILEAGE_RATES_FILE`) and the numbering series (`BILLING_NUMBER_SERIES`,
/// default ``InvoiceNumbering/defaultSeries``). Read once, for the message handler and the timer
/// handler alike.
public struct BillingSettings: Sendable {
    /// The variable naming the numbering series (tests use their own).
    public static let seriesVariable = "BILLING_NUMBER_SERIES"
    /// The variable naming the mileage rate file (`validFrom;highOrePerKm;lowOrePerKm`).
    public static let ratesVariable = "BILLING_MILEAGE_RATES_FILE"

    public var supplier: Supplier
    public var rates: MileageRateTable
    public var series: String

    public init(supplier: Supplier, rates: MileageRateTable, series: String = InvoiceNumbering.defaultSeries) {
        self.supplier = supplier
        self.rates = rates
        self.series = series
    }

    /// Reads the settings; throws naming the variable at fault.
    public init(environment: [String: String]) throws {
        let supplier = try Supplier.load(environment: environment)
        guard let ratesFile = environment[Self.ratesVariable], !ratesFile.isEmpty else {
            throw BillingSettingsError.missing(Self.ratesVariable)
        }
        let rates = try MileageRateTable(contentsOfFile: ratesFile)
        let series = environment[Self.seriesVariable].flatMap { $0.isEmpty ? nil : $0 } ?? InvoiceNumbering.defaultSeries
        self.init(supplier: supplier, rates: rates, series: series)
    }

    var issuer: DocumentIssuer { DocumentIssuer(series: series, supplier: supplier) }
    var drafting: InvoiceDrafting { InvoiceDrafting(rates: rates) }
}

/// A billing setting is missing.
public enum BillingSettingsError: Error, CustomStringConvertible {
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let name): "\(name) is not set"
        }
    }
}
