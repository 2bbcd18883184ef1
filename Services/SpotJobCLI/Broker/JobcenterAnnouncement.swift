import Contracts
import Foundation
import JSON

/// Tells the services that check senders what the jobcenters' registry now is
/// (`jobcenter.registered`, `jobcenter.removed`), as the administrator, the one user allowed to.
enum JobcenterAnnouncement {
    static func registered(_ tenant: JobcenterTenant, granted: [String], broker: BrokerOptions) async throws {
        let body = JobcenterRegisteredPayload(kommunekode: tenant.kommunekode, granted: granted.sorted(), registeredAt: Date())
        _ = try await Publishing.publish(JobcenterEvents.registered, bodies: [try JSONCoding.encoder.encode(body)], as: .administrator, broker: broker)
    }

    static func removed(_ tenant: JobcenterTenant, broker: BrokerOptions) async throws {
        let body = JobcenterRemovedPayload(kommunekode: tenant.kommunekode, removedAt: Date())
        _ = try await Publishing.publish(JobcenterEvents.removed, bodies: [try JSONCoding.encoder.encode(body)], as: .administrator, broker: broker)
    }
}
