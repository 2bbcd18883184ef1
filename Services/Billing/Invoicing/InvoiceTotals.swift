import Domain

/// The totals of an invoice: the net sum of its lines, the VAT on that sum, and the two together.
///
/// VAT is computed once, on the net total (``Money/vat(ofNet:)``), not line by line.
public struct InvoiceTotals: Sendable, Hashable {
    /// The sum of the lines' amounts, ex. VAT.
    public let net: Money
    /// 25 % of ``net``, rounded half up to the øre.
    public let vat: Money
    /// ``net`` + ``vat``: what the customer pays.
    public let gross: Money

    /// The totals of `lines`.
    public init(lines: [InvoiceLine]) {
        self.init(net: lines.map(\.amount).sum())
    }

    /// The totals of a net amount.
    public init(net: Money) {
        self.net = net
        self.vat = Money.vat(ofNet: net)
        self.gross = net + vat
    }
}
