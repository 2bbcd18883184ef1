import AMQPClient
import ArgumentParser
import Contracts
import Foundation

extension InvoicesCommand {
    /// `spotjob invoices queued`: what billing staff find in their queue `billing.invoices`, read as
    /// the `billing-staff` user and left there.
    struct Queued: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the invoice.issued and credit-note.issued events waiting in billing.invoices (they stay in the queue).",
            discussion: "Reads as BILLING_STAFF_AMQP_URL (else the administrator), acknowledging nothing.")
        @OptionGroup var broker: BrokerOptions
        @Option(help: "Only this contract's documents (repeatable).") var contract: [String] = []
        @Option(help: "Read at most this many messages (at most 65535).") var limit = 65_535

        func run() async throws {
            let configuration = try broker.configuration(as: .billingStaff)
            let inspector = AMQPInspector(configuration: configuration)
            let waiting = try await inspector.messageCount(queue: BillingEvents.invoicesQueue)
            await inspector.close()
            // Nothing is acknowledged, so the prefetch is also the most it can read (the newest
            // documents are last); "unlimited" (0) would be 2,000 on a quorum queue.
            let consumer = AMQPConsumer(
                configuration: configuration, queue: BillingEvents.invoicesQueue, prefetch: UInt16(clamping: max(1, limit)),
                logger: CLILogger.logger)
            let deliveries = await QueuedMessages.take(from: consumer, limit: min(limit, waiting))
            // Closing without acknowledging anything gives every message back to the queue.
            await consumer.close()
            let documents = deliveries.compactMap(Self.document)
            let shown = documents.filter { contract.isEmpty || contract.contains($0.payload.contractId) }
            Presentation.printTable(
                ["EVENT", "NUMBER", "CONTRACT", "CUSTOMER", "GROSS", "ISSUED"],
                shown.map { [$0.type, "\($0.payload.invoiceNumber)", $0.payload.contractId, $0.payload.customer.name,
                             BillingCLI.kroner($0.payload.grossOre), $0.payload.issueDate] })
            let issued = documents.filter { $0.type == BillingEvents.invoiceIssued }.count
            print("\(BillingEvents.invoicesQueue) holds \(waiting) message(s): read \(deliveries.count), \(issued) \(BillingEvents.invoiceIssued), "
                + "\(documents.count - issued) \(BillingEvents.creditNoteIssued)"
                + (contract.isEmpty ? "" : "; \(shown.count) of contract \(contract.joined(separator: ", "))"))
        }

        /// The document a delivery announces, or `nil` for anything else.
        static func document(_ delivery: Delivery) -> (type: String, payload: DocumentIssuedPayload)? {
            let type = delivery.routingKey
            guard [BillingEvents.invoiceIssued, BillingEvents.creditNoteIssued].contains(type),
                  let payload = try? JSONDecoder().decode(DocumentIssuedPayload.self, from: Data(delivery.body))
            else { return nil }
            return (type, payload)
        }
    }
}
