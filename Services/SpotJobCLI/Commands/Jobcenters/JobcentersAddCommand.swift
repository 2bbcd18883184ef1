import AMQPClient
import ArgumentParser
import Foundation

/// `spotjob jobcenters add KODE [--grant KODE]... [--json]`: a new jobcenter tenant with a
/// generated password, shown once.
struct JobcentersAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create broker user jobcenter-<kommunekode> and its queue jobcenter.<kommunekode>; print its password once.")

    @OptionGroup var management: ManagementOptions
    @OptionGroup var broker: BrokerOptions

    @Argument(help: "The jobcenter's three-digit kommunekode, e.g. 615 for Horsens.")
    var kommunekode: String

    @Option(name: .customLong("grant"), help: "A neighbouring municipality (kommunekode) the jobcenter also serves; repeat for more.")
    var granted: [String] = []

    @Flag(help: "Print the new jobcenter as JSON.")
    var json = false

    /// What `add` prints: everything the jobcenter's system needs to connect.
    struct Added: Encodable {
        var kommunekode: String
        var municipality: String
        var user: String
        var password: String
        var url: String
        var queue: String
        var municipalities: [String]
    }

    func run() async throws {
        let tenant = try JobcentersCommand.tenant(kommunekode)
        let neighbours = try JobcentersCommand.neighbours(granted, of: tenant)
        let registry = JobcenterRegistry(client: try management.client())
        let adminURL = try broker.url(as: .administrator)
        guard try await !registry.exists(tenant) else {
            throw ValidationError(
                "\(tenant.user) exists already: `spotjob jobcenters grant` changes its neighbours; `remove` and `add` give it a new password")
        }
        let password = GeneratedPassword.make()
        let url = try TenantURL.make(user: tenant.user, password: password, likeAdministrator: adminURL)
        try await registry.add(tenant, password: password, granted: neighbours)
        try await JobcenterAnnouncement.registered(tenant, granted: neighbours, broker: broker)
        let added = Added(
            kommunekode: tenant.kommunekode, municipality: tenant.municipality.name, user: tenant.user, password: password, url: url,
            queue: tenant.queue, municipalities: [tenant.kommunekode] + neighbours)
        if json {
            try Presentation.printJSON(added)
            return
        }
        print("added \(tenant.user) (\(tenant.municipality.name)); the password is shown only now: give it to the jobcenter")
        for (label, value) in [
            ("user", added.user), ("password", added.password), ("url", added.url), ("queue", added.queue),
            ("municipalities", added.municipalities.joined(separator: ", ")),
        ] {
            print(label.padding(toLength: 16, withPad: " ", startingAt: 0) + value)
        }
    }
}
