import BrokerManagement
import Domain
import Messaging

/// A jobcenter on the broker: its user `jobcenter-<kommunekode>`, with the permissions of every
/// jobcenter (the `jobcenter-<kommunekode>` lines of `deploy/rabbitmq/permissions.tsv`, which
/// `JobcenterTenantTests` hold to these), and its quorum queue `jobcenter.<kommunekode>`, bound to
/// `spotjob.jobcenters` for its municipality and each one it is granted.
struct JobcenterTenant: Equatable {
    static let vhost = "spotjob"
    static let exchange = "spotjob.jobcenters"
    static let userPrefix = "jobcenter-"
    static let queuePrefix = "jobcenter."
    /// What a jobcenter publishes on `spotjob`: the inbound keys (docs/jobcenters.md).
    static let inboundKeys =
        #"^(sheet\.(submitted|withdrawn)|candidate\.(profiled|withdrawn)|placement\.(reported|end-reported)|company\.contacted|checkin\.completed)$"#

    let municipality: Municipality

    var kommunekode: String { municipality.code }
    var user: String { Self.userPrefix + kommunekode }
    var queue: String { Self.queuePrefix + kommunekode }

    /// The jobcenter of `text`, a three-digit kommunekode of one of Denmark's 98 municipalities.
    init(kommunekode text: String) throws(JobcenterTenantError) {
        guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notAKommunekode }
        guard let municipality = Municipalities.denmark.municipality(code: text) else { throw .unknownKommunekode }
        self.municipality = municipality
    }

    /// The kommunekode a broker user or queue name of a jobcenter carries, `nil` for any other name.
    static func kommunekode(of name: String) -> String? {
        for prefix in [userPrefix, queuePrefix] where name.hasPrefix(prefix) {
            let kode = String(name.dropFirst(prefix.count))
            if (try? JobcenterTenant(kommunekode: kode)) != nil { return kode }
        }
        return nil
    }

    /// The columns of its `permissions.tsv` line after the user: tags, configure, write, read,
    /// topic write and read on `spotjob`, and on `spotjob.dead`.
    var permissionColumns: [String] {
        ["-", "^$", "^\(SpotJobTopology.exchange)$", "^jobcenter\\.\(kommunekode)$", Self.inboundKeys, "^$", "^$", "^$"]
    }

    /// Creating the user with `password` and its permissions, and declaring its queue.
    func creation(password: String) throws -> [ManagementRequest] {
        let columns = permissionColumns
        return [
            try ManagementAPI.putUser(user, password: password),
            try ManagementAPI.putPermissions(user, vhost: Self.vhost, configure: columns[1], write: columns[2], read: columns[3]),
            try ManagementAPI.putTopicPermissions(
                user, vhost: Self.vhost, exchange: SpotJobTopology.exchange, write: columns[4], read: columns[5]),
            try ManagementAPI.putTopicPermissions(
                user, vhost: Self.vhost, exchange: SpotJobTopology.deadLetterExchange, write: columns[6], read: columns[7]),
            try ManagementAPI.putQuorumQueue(queue, vhost: Self.vhost),
        ]
    }

    /// Binding its queue for `municipality` (its own or a neighbour's).
    func binding(for municipality: String) throws -> ManagementRequest {
        try ManagementAPI.bindByHeader(queue, to: Self.exchange, vhost: Self.vhost, header: Envelope.municipalityHeader, value: municipality)
    }
}

/// Why a kommunekode given for a jobcenter is refused.
enum JobcenterTenantError: Error, CustomStringConvertible {
    case notAKommunekode
    case unknownKommunekode

    var description: String {
        switch self {
        case .notAKommunekode: "a jobcenter is named by its three-digit kommunekode, e.g. 615 for Horsens"
        case .unknownKommunekode: "no Danish municipality has this kommunekode (shared/data/municipalities.csv)"
        }
    }
}
