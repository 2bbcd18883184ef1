import AMQPClient
import ArgumentParser
import Billing
import Contracts
import Foundation
import Messaging

extension InvoicesCommand {
    /// `spotjob invoices reannounce --since DATE`: publishes the `invoice.issued` and
    /// `credit-note.issued` events of the documents issued since a date again, under the message ids
    /// billing announced them with, e.g. after `billing.invoices` was purged.
    struct Reannounce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Announce issued invoices and credit notes again (e.g. after billing.invoices was purged).",
            discussion: """
                Reads the documents issued on or after --since (their Copenhagen issue date) from billing's schema \
                (BILLING_DATABASE_URL) and publishes, as the administrator (SPOTJOB_ADMIN_AMQP_URL), the \
                invoice.issued or credit-note.issued event of each to the exchange spotjob under its routing key, \
                so it reaches billing.invoices and every other queue bound to that key, with the message id, type \
                and body billing announced it with; each batch waits for the broker's confirms. Idempotent for \
                consumers that keep the message ids they handled (as SpotJob's services do): a second run adds \
                copies with the same ids, nothing with a new one.
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var broker: BrokerOptions
        @OptionGroup var series: SeriesOptions
        @Option(help: "The first issue date to announce again, YYYY-MM-DD.") var since: String
        @Flag(help: "Print the counts as JSON.") var json = false

        /// Documents read and published at a time.
        static let batchSize = 500

        /// What a run announced.
        struct Report: Codable {
            var series: String
            var since: String
            var announced: Int
            var invoices: Int
            var creditNotes: Int
        }

        func run() async throws {
            let since = try DateArgument.parse(self.since, "--since")
            let supplier = try BillingCLI.supplier()
            let client = try database.client(for: BillingEvents.service)
            let publisher = try broker.publisher(as: .administrator)
            defer { Task { await client.close(); await publisher.close() } }
            var report = Report(series: series.name, since: since.description, announced: 0, invoices: 0, creditNotes: 0)
            var after = 0
            while true {
                let batch = try await client.withConnection { [series, after] in
                    try DocumentStore.announcements(
                        series: series.name, since: since, after: after, limit: Self.batchSize, supplier: supplier, on: $0)
                }
                guard let last = batch.last else { break }
                try await publisher.publish(batch.map { $0.envelope.outgoing(exchange: SpotJobTopology.exchange) })
                report.announced += batch.count
                report.invoices += batch.filter { $0.envelope.type == BillingEvents.invoiceIssued }.count
                after = last.number
            }
            report.creditNotes = report.announced - report.invoices
            if json { return try Presentation.printJSON(report) }
            if report.announced == 0 { return print("no document issued since \(report.since) in series \(report.series)") }
            print("announced \(report.announced) document(s) issued since \(report.since) in series \(report.series) again: "
                + "\(report.invoices) \(BillingEvents.invoiceIssued), \(report.creditNotes) \(BillingEvents.creditNoteIssued) "
                + "(confirmed by the broker)")
        }
    }
}
