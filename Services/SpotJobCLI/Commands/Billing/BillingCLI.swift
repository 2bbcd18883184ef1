import AMQPClient
import ArgumentParser
import Billing
import Contracts
import Domain
import Foundation
import JSON
import Messaging

/// What billing's commands share: publishing to billing as the `contracts` user, the numbering
/// series, amounts typed in kroner.
enum BillingCLI {
    /// Publishes one message body as the `contracts` user and says so; billing handles it asynchronously.
    static func publish(_ type: String, _ payload: some Encodable, broker: BrokerOptions) async throws {
        try await Publishing.publish(type, payload, as: .contracts, broker: broker)
    }

    /// `175000`, `175000.50`, `175.000,00` or `175.000,00 kr` in øre.
    static func ore(kroner text: String) throws -> Int64 {
        var cleaned = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "kr", with: "")
        if cleaned.contains(",") {
            cleaned = cleaned.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0,
              parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCII) else {
            throw ValidationError("\(text) is not an amount in kroner (e.g. 10000 or 10.000,00)")
        }
        var fraction: Int64 = 0
        if parts.count == 2 {
            guard let value = Int64(parts[1].count == 1 ? parts[1] + "0" : String(parts[1])) else {
                throw ValidationError("\(text) is not an amount in kroner (e.g. 10000 or 10.000,00)")
            }
            fraction = value
        }
        return whole * 100 + fraction
    }

    static func kroner(_ ore: Int64) -> String { Money(ore: ore).danishText }
}

/// `--series`: the numbering series to read (default `$BILLING_NUMBER_SERIES`, else `main`).
struct SeriesOptions: ParsableArguments {
    @Option(help: "Numbering series (default: $BILLING_NUMBER_SERIES, else main).")
    var series: String?

    var name: String {
        series ?? ProcessInfo.processInfo.environment[BillingSettings.seriesVariable].flatMap { $0.isEmpty ? nil : $0 }
            ?? InvoiceNumbering.defaultSeries
    }
}
