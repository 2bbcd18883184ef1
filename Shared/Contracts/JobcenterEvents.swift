import BodyReading
import Domain
import Foundation

/// The jobcenters' registry, as the administrator announces it (`spotjob jobcenters add`, `grant`,
/// `remove`): which jobcenter (broker user `jobcenter-<kommunekode>`) exists and which neighbouring
/// municipalities it was granted. Every service that checks a jobcenter's sender keeps it
/// (`JobcenterGrantKeeper`); only the administrator may publish these keys.
public enum JobcenterEvents {
    public static let registered = "jobcenter.registered"
    public static let removed = "jobcenter.removed"

    /// What a service that checks senders binds, besides its own keys.
    public static let all = [registered, removed]
}

/// The body of `jobcenter.registered`: the jobcenter and every municipality it is granted besides
/// its own (replacing what was granted before), as of `registeredAt`.
public struct JobcenterRegisteredPayload: Codable, Sendable, Equatable {
    public var kommunekode: String
    public var granted: [String]
    public var registeredAt: Date

    public init(kommunekode: String, granted: [String], registeredAt: Date) {
        self.kommunekode = kommunekode
        self.granted = granted
        self.registeredAt = registeredAt
    }
}

/// The body of `jobcenter.removed`: the jobcenter's user is gone, and with it its grants.
public struct JobcenterRemovedPayload: Codable, Sendable, Equatable {
    public var kommunekode: String
    public var removedAt: Date

    public init(kommunekode: String, removedAt: Date) {
        self.kommunekode = kommunekode
        self.removedAt = removedAt
    }
}

/// A change of the registry as read from either event: the jobcenter, what it is granted now
/// (nothing once removed), and when.
public struct JobcenterRegistration: Sendable, Equatable {
    public var kommunekode: String
    public var granted: [String]
    public var at: Date

    public init(kommunekode: String, granted: [String], at: Date) {
        self.kommunekode = kommunekode
        self.granted = granted
        self.at = at
    }

    /// Reads a `jobcenter.registered` (`removed: false`) or `jobcenter.removed` body received at `readAt`.
    public static func read(_ body: [UInt8], removed: Bool, readAt: Date) -> Result<Self, Rejection> {
        MessageBody.read(body) { object, reader in
            let kode = reader.municipality("kommunekode", of: object, .required)
            let at = reader.timestamp(removed ? "removedAt" : "registeredAt", of: object, .required, in: DateBounds.pastInstants(readAt: readAt))
            var granted: [String] = []
            if !removed {
                for field in reader.array("granted", of: object, .required, count: 0...Municipalities.denmark.all.count) ?? [] {
                    if let municipality = reader.municipality(field) { granted.append(municipality.code) }
                }
            }
            guard let kode, let at else { return nil }
            return Self(kommunekode: kode.code, granted: granted.filter { $0 != kode.code }, at: at)
        }
    }
}
