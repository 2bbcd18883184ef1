import ArgumentParser
import Contracts

/// `spotjob meetings held`.
struct MeetingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meetings", abstract: "Report Task Force meetings to billing.", subcommands: [Held.self])

    struct Held: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A Task Force meeting of a contract was held (taskforce.meeting-held).")
        @OptionGroup var broker: BrokerOptions
        @Option(help: "The contract id.") var contract: String
        @Option(help: "The day it was held, YYYY-MM-DD.") var date: String
        @Option(help: "The meeting's id (default: meeting-DATE, so one meeting a day counts once).") var id: String?

        func run() async throws {
            try await BillingCLI.publish(
                BillingEvents.meetingHeld, MeetingHeldMessage(contractId: contract, meetingId: id ?? "meeting-\(date)", heldOn: date),
                broker: broker)
        }
    }
}

/// `spotjob events booked|held|cancelled`.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Report events (billed in halves) to billing.", subcommands: [Booked.self, Held.self, Cancelled.self])

    struct Booked: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An event's date is set and its speakers booked: half its price is invoiced.")
        @OptionGroup var broker: BrokerOptions
        @Option(help: "The contract id.") var contract: String
        @Option(help: "The event's id.") var event: String
        @Option(help: "Its title.") var title: String
        @Option(help: "Its price ex. VAT in kroner, e.g. 75000 or 75.000,00.") var price: String
        @Option(help: "The day it was booked, YYYY-MM-DD.") var date: String

        func run() async throws {
            try await BillingCLI.publish(
                BillingEvents.eventBooked,
                EventBookedMessage(contractId: contract, eventId: event, title: title, priceOre: try BillingCLI.ore(kroner: price), bookedOn: date),
                broker: broker)
        }
    }

    struct Held: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An event was held: the rest of its price is invoiced.")
        @OptionGroup var broker: BrokerOptions
        @Option(help: "The contract id.") var contract: String
        @Option(help: "The event's id.") var event: String
        @Option(help: "The day it was held, YYYY-MM-DD.") var date: String

        func run() async throws {
            try await BillingCLI.publish(
                BillingEvents.eventHeld, EventHeldMessage(contractId: contract, eventId: event, heldOn: date), broker: broker)
        }
    }

    struct Cancelled: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An event was cancelled: its second half is not invoiced.")
        @OptionGroup var broker: BrokerOptions
        @Option(help: "The contract id.") var contract: String
        @Option(help: "The event's id.") var event: String

        func run() async throws {
            try await BillingCLI.publish(
                BillingEvents.eventCancelled, EventCancelledMessage(contractId: contract, eventId: event), broker: broker)
        }
    }
}

/// `spotjob extras delivered`.
struct ExtrasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extras", abstract: "Report extras (e.g. an extra talk) to billing.", subcommands: [Delivered.self])

    struct Delivered: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An extra was delivered: it is invoiced at once.")
        @OptionGroup var broker: BrokerOptions
        @Option(help: "The contract id.") var contract: String
        @Option(help: "The extra's id.") var id: String
        @Option(help: "What was delivered, as the invoice line says.") var description: String
        @Option(help: "Its amount ex. VAT in kroner, e.g. 10000 or 10.000,00.") var amount: String
        @Option(help: "The day it was delivered, YYYY-MM-DD.") var date: String

        func run() async throws {
            try await BillingCLI.publish(
                BillingEvents.extraDelivered,
                ExtraDeliveredMessage(contractId: contract, extraId: id, description: description,
                                      amountOre: try BillingCLI.ore(kroner: amount), deliveredOn: date),
                broker: broker)
        }
    }
}

/// `spotjob mileage log`.
struct MileageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mileage", abstract: "Log trips of state-rate contracts.", subcommands: [Log.self])

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A trip was driven (mileage.logged); invoiced with its month.")
        @OptionGroup var broker: BrokerOptions
        @Option(help: "The contract id.") var contract: String
        @Option(help: "The trip's id.") var trip: String
        @Option(help: "The day driven, YYYY-MM-DD.") var date: String
        @Option(help: "Kilometres, at most one decimal.") var km: Double
        @Option(help: "What the trip was for.") var purpose: String

        func run() async throws {
            try await BillingCLI.publish(
                BillingEvents.mileageLogged,
                MileageLoggedMessage(contractId: contract, tripId: trip, date: date, km: km, purpose: purpose), broker: broker)
        }
    }
}
