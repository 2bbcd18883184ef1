import AMQPClient
import BrokerManagement
import Domain
import Messaging

/// The jobcenters on the broker, read and changed through the management API as the administrator.
struct JobcenterRegistry {
    let client: ManagementClient

    /// A jobcenter as `spotjob jobcenters list` shows it. `user` is `nil` (JSON `null`) for a
    /// removed jobcenter whose queue was kept because messages were still waiting in it.
    struct Entry: Encodable, Equatable {
        var kommunekode: String
        var municipality: String
        var user: String?
        var queue: String
        /// Its own municipality and every neighbour it is granted: what its queue receives.
        var municipalities: [String]
        var messages: Int

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kommunekode, forKey: .kommunekode)
            try container.encode(municipality, forKey: .municipality)
            try container.encode(user, forKey: .user)
            try container.encode(queue, forKey: .queue)
            try container.encode(municipalities, forKey: .municipalities)
            try container.encode(messages, forKey: .messages)
        }

        private enum CodingKeys: String, CodingKey { case kommunekode, municipality, user, queue, municipalities, messages }
    }

    /// What ``remove(_:)`` did with the jobcenter's queue.
    enum QueueFate: Equatable {
        case deleted
        /// Kept with `messages` not yet read, or while `consumers` still read it.
        case kept(messages: Int, consumers: Int)
    }

    func exists(_ tenant: JobcenterTenant) async throws -> Bool {
        try await client.json(ManagementAPI.user(tenant.user)) != nil
    }

    /// Creates the user with `password`, its permissions and its queue, bound for its municipality and `granted`.
    func add(_ tenant: JobcenterTenant, password: String, granted: [String]) async throws {
        for request in try tenant.creation(password: password) { try await client.send(request) }
        for municipality in [tenant.kommunekode] + granted { try await client.send(try tenant.binding(for: municipality)) }
    }

    /// The municipalities `tenant`'s queue is bound for, with the bindings' keys.
    func bindings(of tenant: JobcenterTenant) async throws -> [ManagementListing.HeaderBinding] {
        let request = ManagementAPI.bindings(of: tenant.queue, from: JobcenterTenant.exchange, vhost: JobcenterTenant.vhost)
        guard let json = try await client.json(request) else { return [] }
        return try ManagementListing.headerBindings(json, header: Envelope.municipalityHeader, action: request.action)
    }

    /// Binds `tenant`'s queue for each of `municipalities` it is not bound for yet.
    func bind(_ tenant: JobcenterTenant, for municipalities: [String]) async throws {
        let bound = Set(try await bindings(of: tenant).compactMap(\.value))
        for municipality in municipalities where !bound.contains(municipality) {
            try await client.send(try tenant.binding(for: municipality))
        }
    }

    /// Unbinds `tenant`'s queue for each of `municipalities`.
    func unbind(_ tenant: JobcenterTenant, for municipalities: Set<String>) async throws {
        for binding in try await bindings(of: tenant) where binding.value.map(municipalities.contains) ?? false {
            try await client.send(ManagementAPI.unbind(
                tenant.queue, from: JobcenterTenant.exchange, vhost: JobcenterTenant.vhost, propertiesKey: binding.propertiesKey))
        }
    }

    /// Every jobcenter with a user or a queue, by kommunekode.
    func list() async throws -> [Entry] {
        let usersRequest = ManagementAPI.users()
        let users = try ManagementListing.userNames(try await client.json(usersRequest) ?? .array([]), action: usersRequest.action)
        let queuesRequest = ManagementAPI.queues(vhost: JobcenterTenant.vhost)
        let messages = try ManagementListing.queueMessages(try await client.json(queuesRequest) ?? .array([]), action: queuesRequest.action)
        let bindingsRequest = ManagementAPI.bindings(from: JobcenterTenant.exchange, vhost: JobcenterTenant.vhost)
        let bindings = try ManagementListing.headerBindings(
            try await client.json(bindingsRequest) ?? .array([]), header: Envelope.municipalityHeader, action: bindingsRequest.action)
        let withUser = Set(users.filter { $0.hasPrefix(JobcenterTenant.userPrefix) }.compactMap(JobcenterTenant.kommunekode(of:)))
        let withQueue = Set(messages.keys.filter { $0.hasPrefix(JobcenterTenant.queuePrefix) }.compactMap(JobcenterTenant.kommunekode(of:)))
        return try withUser.union(withQueue).sorted().map { kode in
            let tenant = try JobcenterTenant(kommunekode: kode)
            return Entry(
                kommunekode: kode, municipality: tenant.municipality.name, user: withUser.contains(kode) ? tenant.user : nil,
                queue: tenant.queue,
                municipalities: bindings.filter { $0.queue == tenant.queue }.compactMap(\.value).sorted(),
                messages: messages[tenant.queue] ?? 0)
        }
    }

    /// Removes `tenant`: first its bindings (nothing more arrives), then its user (it cannot
    /// connect again), then its queue if it holds no message and nobody reads it (counted exactly
    /// over AMQP; nothing can put a message into it any more); otherwise the queue is kept, so
    /// nothing undelivered is lost. `broker` is the administrator's AMQP connection.
    func remove(_ tenant: JobcenterTenant, broker: AMQPConfiguration) async throws -> QueueFate {
        try await unbind(tenant, for: Set(try await bindings(of: tenant).compactMap(\.value)))
        try await client.send(ManagementAPI.deleteUser(tenant.user))
        let inspector = AMQPInspector(configuration: broker)
        let occupancy: (ready: Int, consumers: Int)
        do {
            occupancy = try await inspector.occupancy(queue: tenant.queue)
            await inspector.close()
        } catch {
            await inspector.close()
            throw error
        }
        guard occupancy == (0, 0) else { return .kept(messages: occupancy.ready, consumers: occupancy.consumers) }
        try await client.send(ManagementAPI.deleteQueue(tenant.queue, vhost: JobcenterTenant.vhost))
        return .deleted
    }
}
