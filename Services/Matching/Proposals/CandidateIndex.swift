import Domain

/// The active candidates as ranking reads them, filed by each wanted category and work municipality:
/// the people who may pass an opening's hard rules are one bucket, found without a query.
public struct CandidateIndex: Sendable {
    struct Bucket: Hashable {
        var category: JobCategory
        var municipality: String
    }

    private var slots: [Candidate?] = []
    private var slotOf: [String: Int32] = [:]
    private var freeSlots: [Int32] = []
    private var buckets: [Bucket: [Int32]] = [:]

    public init() {}

    /// How many candidates the index holds.
    public var count: Int { slotOf.count }

    /// Files `candidate`, replacing what was filed under its id.
    public mutating func file(_ candidate: Candidate) {
        let slot: Int32
        if let existing = slotOf[candidate.candidateId] {
            unfile(existing)
            slot = existing
            slots[Int(slot)] = candidate
        } else if let free = freeSlots.popLast() {
            slot = free
            slots[Int(slot)] = candidate
        } else {
            slot = Int32(slots.count)
            slots.append(candidate)
        }
        slotOf[candidate.candidateId] = slot
        for key in Self.buckets(of: candidate) { buckets[key, default: []].append(slot) }
    }

    /// Removes the candidate filed under `candidateId`, if any.
    public mutating func remove(_ candidateId: String) {
        guard let slot = slotOf.removeValue(forKey: candidateId) else { return }
        unfile(slot)
        slots[Int(slot)] = nil
        freeSlots.append(slot)
    }

    /// Whether a candidate is filed under `candidateId`.
    public func contains(_ candidateId: String) -> Bool { slotOf[candidateId] != nil }

    /// The candidates who want `category` and can get to `municipality`, in no particular order.
    public func candidates(wanting category: JobCategory, in municipality: String) -> [Candidate] {
        (buckets[Bucket(category: category, municipality: municipality)] ?? []).compactMap { slots[Int($0)] }
    }

    private mutating func unfile(_ slot: Int32) {
        guard let candidate = slots[Int(slot)] else { return }
        for key in Self.buckets(of: candidate) {
            buckets[key]?.removeAll { $0 == slot }
            if buckets[key]?.isEmpty == true { buckets[key] = nil }
        }
    }

    private static func buckets(of candidate: Candidate) -> Set<Bucket> {
        Set(candidate.categories.flatMap { category in
            candidate.workMunicipalities.map { Bucket(category: category, municipality: $0) }
        })
    }
}
