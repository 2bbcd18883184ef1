import Chronology
import Foundation
import PostgresClient

/// The handover funnel a steering group follows (seed 003: "der følges op på overleveringen af
/// jobs"), and the figures seed 002's evaluation counts by hand: openings registered, contacted on
/// time or late or not yet, visits booked, placements, retained at 13 weeks, distinct companies,
/// openings by job type per municipality, companies by size.
public struct Funnel: Codable, Sendable, Equatable {
    public var registered: Int
    /// Openings whose first closing contact came by the deadline.
    public var contactedOnTime: Int
    /// Openings whose first closing contact came after the deadline.
    public var contactedLate: Int
    /// Openings with no closing contact (yet): `registered` − on time − late.
    public var notContacted: Int
    /// Contacts with outcome `visit-booked`.
    public var visitsBooked: Int
    public var placements: Int
    /// Placements started at least 91 days ago and not ended before day 91.
    public var retained13Weeks: Int
    /// Distinct companies (CVR numbers).
    public var companies: Int
    /// Openings per kommunekode and job type.
    public var openingsByJobType: [String: [String: Int]]
    /// Distinct companies per size band (`under-10`, `10-49`, `50-99`, `100-999`, `1000-or-more`, `unknown`).
    public var companiesBySize: [String: Int]

    /// The size bands, smallest first, as seed 002's tables count them.
    public static let sizeBands = ["under-10", "10-49", "50-99", "100-999", "1000-or-more", "unknown"]

    /// Which openings count: by municipality (kommunekode), source, and the Copenhagen dates of their
    /// sheets' `submittedAt` (both ends included).
    public struct Filter: Sendable, Hashable {
        public var municipality: String?
        public var source: String?
        public var from: CivilDate?
        public var to: CivilDate?

        public init(municipality: String? = nil, source: String? = nil, from: CivilDate? = nil, to: CivilDate? = nil) {
            self.municipality = municipality
            self.source = source
            self.from = from
            self.to = to
        }
    }

    /// The funnel's steps in order, with Danish labels for the steering group.
    public var steps: [(key: String, label: String, count: Int)] {
        [
            ("registered", "Jobåbninger registreret", registered),
            ("contactedOnTime", "Kontaktet til tiden", contactedOnTime),
            ("contactedLate", "Kontaktet for sent", contactedLate),
            ("notContacted", "Endnu ikke kontaktet", notContacted),
            ("visitsBooked", "Virksomhedsbesøg booket", visitsBooked),
            ("placements", "Ansættelser", placements),
            ("retained13Weeks", "Fastholdt efter 13 uger", retained13Weeks),
        ]
    }
}
