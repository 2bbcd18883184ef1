import Domain

/// A month of a contract's trips priced at the state rate: the invoice lines, and the kilometres
/// driven in the calendar year once the month is included (the next month's starting point).
///
/// The high rate applies to the first 20,000 km of a calendar year (``highRateLimit``), the low
/// rate beyond. Trips are taken in date order (trips of one day in the order given); the trip
/// that crosses 20,000 km is split over two lines. Each line's amount is its kilometres times
/// the rate in force on the trip's date, rounded half up to the øre, in integers:
/// `tenths × orePerKm / 10`. Lines are in ``UnitCode/kilometre`` and numbered from the
/// `firstLineNumber` given; a trip of 0 km makes no line.
public struct MonthlyMileage: Sendable, Hashable {
    /// Kilometres in a calendar year billed at the high rate.
    public static let highRateLimit = Kilometres(kilometres: 20_000)

    public let lines: [InvoiceLine]
    /// The kilometres driven this calendar year up to and including this month.
    public let drivenThisYear: Kilometres

    /// Prices `trips`, all in one calendar month, after `drivenEarlierThisYear` kilometres
    /// already driven for the contract earlier in the same calendar year.
    ///
    /// - Throws: ``MileageError/tripsInDifferentMonths(_:_:)`` or ``MileageError/noRate(tripId:date:)``.
    public init(
        trips: [MileageTrip], drivenEarlierThisYear: Kilometres, rates: MileageRateTable, firstLineNumber: Int = 1
    ) throws(MileageError) {
        let ordered = trips.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        if let first = ordered.first, let other = ordered.first(where: { $0.date.firstOfMonth != first.date.firstOfMonth }) {
            throw .tripsInDifferentMonths(first.date, other.date)
        }
        var driven = drivenEarlierThisYear
        var lines: [InvoiceLine] = []
        for trip in ordered {
            guard let rate = rates.rate(on: trip.date) else { throw .noRate(tripId: trip.tripId, date: trip.date) }
            let highRoom = Self.highRateLimit > driven ? Self.highRateLimit - driven : .zero
            let high = min(trip.distance, highRoom)
            let low = trip.distance - high
            for (distance, orePerKm, band) in [(high, rate.highOrePerKm, "til og med"), (low, rate.lowOrePerKm, "over")]
            where distance > .zero {
                lines.append(InvoiceLine(
                    lineId: String(firstLineNumber + lines.count),
                    description: "Kørsel \(trip.date), tur \(trip.tripId), statens takst \(band) 20.000 km",
                    quantity: Quantity(distance),
                    unitCode: .kilometre,
                    unitPrice: Money(ore: orePerKm),
                    amount: Self.amount(distance, orePerKm: orePerKm)
                ))
            }
            driven = driven + trip.distance
        }
        self.lines = lines
        self.drivenThisYear = driven
    }

    /// `distance` at `orePerKm`, rounded half up to the øre: tenths × rate / 10.
    public static func amount(_ distance: Kilometres, orePerKm: Int64) -> Money {
        Money(ore: (distance.tenths * orePerKm).dividedRoundingHalfAwayFromZero(by: 10))
    }
}
