import Contracts
import Foundation
import Messaging
import PostgresClient

/// One line of the report: how many effects were expected, how many subjects had one, how many had
/// none (lost) and how many had more than one (duplicated).
struct CheckRow: Sendable, Encodable {
    let check: String
    let expected: Int
    let found: Int
    let lost: Int
    let duplicated: Int

    /// `counts[key]` effects for each expected key: exactly one each. With `atMostOnce`, a key
    /// without an effect is not lost (the effect may rightly not happen, e.g. a timer whose task
    /// was closed first).
    init(_ check: String, expected keys: some Collection<String>, counts: [String: Int], atMostOnce: Bool = false) {
        self.check = check
        expected = keys.count
        found = keys.count { counts[$0, default: 0] > 0 }
        lost = atMostOnce ? 0 : expected - found
        duplicated = keys.count { counts[$0, default: 0] > 1 }
    }

    init(_ check: String, expected: Int, found: Int, lost: Int, duplicated: Int) {
        (self.check, self.expected, self.found, self.lost, self.duplicated) = (check, expected, found, lost, duplicated)
    }
}

/// The checks once the run is quiet: from the four schemas (as the administrator) and from what the
/// observer saw, for what this run sent and had confirmed.
struct ChaosChecks: Sendable {
    let plan: ChaosPlan
    let confirmed: Set<UUID>
    let billingSeries: String
    /// Followup's default check-ins (`FOLLOWUP_CHECKIN_DAYS` 7, 28, 91), which the run does not change.
    static let checkinsPerPlacement = 3

    func run(on connection: PostgresConnection, observed: ChaosObserver.Snapshot) throws -> [CheckRow] {
        let pattern = plan.prefix + "%"
        func counts(_ sql: String, _ binds: [(any PostgresEncodable)?] = [pattern]) throws -> [String: Int] {
            try connection.query(sql, binds).reduce(into: [:]) { result, row in
                result[try row.decode(String.self, at: 0).lowercased()] = try row.decode(Int.self, at: 1)
            }
        }
        func distinct(_ subjects: [String: Set<String>]) -> [String: Int] { subjects.mapValues(\.count) }
        var rows: [CheckRow] = []

        let unsent = (plan.primaries + plan.dependents).count { !confirmed.contains($0.messageID) }
        rows.append(CheckRow("inputs confirmed by the broker", expected: unsent + confirmed.count, found: confirmed.count, lost: unsent, duplicated: 0))

        // Sheets → openings (intake, matching, followup) and one contact task each.
        let sheets = plan.sheets.filter { confirmed.contains($0.messageID) }.map { $0.sheetId.lowercased() }
        rows.append(CheckRow("sheet → intake opening", expected: sheets, counts: try counts(
            "SELECT sheet_id, count(*) FROM intake.openings WHERE sheet_id LIKE $1 GROUP BY 1")))
        rows.append(CheckRow("sheet → opening.registered", expected: sheets, counts: distinct(observed.subjects(of: IntakeEvents.openingRegistered))))
        rows.append(CheckRow("sheet → matching opening", expected: sheets, counts: try counts(
            "SELECT sheet_id, count(*) FROM matching.openings WHERE sheet_id LIKE $1 GROUP BY 1")))
        rows.append(CheckRow("sheet → followup contact task", expected: sheets, counts: try counts(
            "SELECT o.sheet_id, count(t.task_id) FROM followup.openings o JOIN followup.contact_tasks t USING (opening_id) WHERE o.sheet_id LIKE $1 GROUP BY 1")))

        // Followup's tasks: opened once, the contact recorded once, each overdue timer fired once.
        let tasks = try connection.query(
            "SELECT o.sheet_id, o.opening_id, t.task_id FROM followup.openings o JOIN followup.contact_tasks t USING (opening_id) WHERE o.sheet_id LIKE $1",
            [pattern]
        ).map { (sheet: try $0.decode(String.self, at: 0).lowercased(), opening: try $0.decode(UUID.self, at: 1).uuidString.lowercased(),
                 task: try $0.decode(UUID.self, at: 2).uuidString.lowercased()) }
        rows.append(CheckRow("contact task → followup.task-opened", expected: tasks.map(\.opening), counts: distinct(observed.subjects(of: FollowupEvents.taskOpened))))
        let contacted = Set(plan.contacts.filter { confirmed.contains($0.messageID) }.map { $0.sheetId.lowercased() })
        let contactedOpenings = tasks.filter { contacted.contains($0.sheet) }
        rows.append(CheckRow("company contact → followup contact", expected: contacted, counts: try counts(
            "SELECT o.sheet_id, count(c.id) FROM followup.contacts c JOIN followup.openings o USING (opening_id) WHERE o.sheet_id LIKE $1 GROUP BY 1")))
        rows.append(CheckRow("company contact → followup.contact-recorded", expected: contactedOpenings.map(\.opening),
                             counts: distinct(observed.subjects(of: FollowupEvents.contactRecorded))))
        let open = tasks.filter { !contacted.contains($0.sheet) }
        let contactDue = distinct(observed.subjects(of: FollowupEvents.contactDue))
        let escalated = distinct(observed.subjects(of: FollowupEvents.escalated))
        rows.append(CheckRow("timer: contact-due, open task", expected: open.map(\.task), counts: contactDue))
        rows.append(CheckRow("timer: escalated 1, open task", expected: open.map { "contact \($0.task) 1" }, counts: escalated))
        rows.append(CheckRow("timer: escalated 2, open task", expected: open.map { "contact \($0.task) 2" }, counts: escalated))
        rows.append(CheckRow("timer: contact-due, contacted (≤ 1)", expected: contactedOpenings.map(\.task), counts: contactDue, atMostOnce: true))
        rows.append(CheckRow("timer: escalated 1+2, contacted (≤ 1)",
                             expected: contactedOpenings.flatMap { ["contact \($0.task) 1", "contact \($0.task) 2"] }, counts: escalated, atMostOnce: true))

        // Profiles and placements, with their check-ins and the check-ins' timers.
        let profiles = plan.profiles.filter { confirmed.contains($0.messageID) }.map { $0.candidateId.lowercased() }
        rows.append(CheckRow("profile → matching candidate", expected: profiles, counts: try counts(
            "SELECT candidate_id, count(*) FROM matching.candidates WHERE candidate_id LIKE $1 GROUP BY 1")))
        let placements = plan.placements.filter { confirmed.contains($0.messageID) }.map { $0.placementId.lowercased() }
        rows.append(CheckRow("placement → matching placement", expected: placements, counts: try counts(
            "SELECT placement_id, count(*) FROM matching.placements WHERE placement_id LIKE $1 GROUP BY 1")))
        rows.append(CheckRow("placement → placement.recorded", expected: placements, counts: distinct(observed.subjects(of: MatchingEvents.placementRecorded))))
        rows.append(CheckRow("placement → followup placement", expected: placements, counts: try counts(
            "SELECT placement_id, count(*) FROM followup.placements WHERE placement_id LIKE $1 GROUP BY 1")))
        let checkinCounts = try counts("SELECT placement_id, count(*) FROM followup.checkins WHERE placement_id LIKE $1 GROUP BY 1")
        let perPlacement = Self.checkinsPerPlacement
        rows.append(CheckRow(
            "placement → \(perPlacement) check-ins", expected: placements.count * perPlacement,
            found: placements.reduce(0) { $0 + min(perPlacement, checkinCounts[$1, default: 0]) },
            lost: placements.reduce(0) { $0 + max(0, perPlacement - checkinCounts[$1, default: 0]) },
            duplicated: placements.reduce(0) { $0 + max(0, checkinCounts[$1, default: 0] - perPlacement) }))
        let checkins = try connection.query("SELECT checkin_id FROM followup.checkins WHERE placement_id LIKE $1", [pattern])
            .map { try $0.decode(UUID.self, at: 0).uuidString.lowercased() }
        rows.append(CheckRow("check-in → checkin-scheduled", expected: checkins, counts: distinct(observed.subjects(of: FollowupEvents.checkinScheduled))))
        rows.append(CheckRow("timer: checkin-due", expected: checkins, counts: distinct(observed.subjects(of: FollowupEvents.checkinDue))))
        rows.append(CheckRow("timer: check-in escalated", expected: checkins.map { "checkin \($0) 1" }, counts: escalated))

        // Billing: every line that fell due invoiced once; numbers gapless; every document announced once.
        let dueLines = plan.invoiceLines.filter { $0.messageIDs.allSatisfy(confirmed.contains) }.map { "\($0.contractId) \($0.lineId)".lowercased() }
        rows.append(CheckRow("due line → invoiced once", expected: dueLines, counts: try counts(
            "SELECT d.contract_id || ' ' || (l ->> 'lineId'), count(DISTINCT d.number) FROM billing.documents d, jsonb_array_elements(d.lines) l WHERE d.series = $1 GROUP BY 1",
            [billingSeries])))
        let numbers = try connection.query(
            "SELECT count(*), count(DISTINCT number), coalesce(max(number), 0) FROM billing.documents WHERE series = $1", [billingSeries])[0]
        let (documents, distinctNumbers, highest) = (try numbers.decode(Int.self, at: 0), try numbers.decode(Int.self, at: 1), try numbers.decode(Int.self, at: 2))
        rows.append(CheckRow("invoice numbers 1…n, gapless", expected: highest, found: distinctNumbers, lost: highest - distinctNumbers, duplicated: documents - distinctNumbers))
        let announced = try connection.query("SELECT contract_id || ' ' || number FROM billing.documents WHERE series = $1", [billingSeries])
            .map { try $0.decode(String.self, at: 0).lowercased() }
        rows.append(CheckRow("invoice → invoice.issued", expected: announced, counts: distinct(observed.subjects(of: BillingEvents.invoiceIssued))))

        // Refused inputs: recorded by the service that refused them, and dead-lettered by it.
        let refused = plan.rejected.filter { confirmed.contains($0.messageID) }
        let ids = PostgresArray(refused.map(\.messageID))
        let recorded = Set(try connection.query(
            """
            SELECT message_id FROM intake.rejected_messages WHERE message_id = ANY($1::uuid[])
            UNION ALL SELECT message_id FROM matching.rejected_messages WHERE message_id = ANY($1::uuid[])
            UNION ALL SELECT message_id FROM followup.rejected_messages WHERE message_id = ANY($1::uuid[])
            UNION ALL SELECT message_id FROM billing.rejected_messages WHERE message_id = ANY($1::uuid[])
            """, [ids]
        ).map { try $0.decode(UUID.self, at: 0) })
        let deadLettered = observed.deadLettered
        let refusedKeys = refused.map { $0.messageID.uuidString.lowercased() }
        rows.append(CheckRow("refused input → recorded", expected: refusedKeys, counts: Dictionary(
            uniqueKeysWithValues: refusedKeys.map { ($0, recorded.contains(UUID(uuidString: $0)!) ? 1 : 0) })))
        rows.append(CheckRow("refused input → dead-lettered", expected: refusedKeys, counts: Dictionary(uniqueKeysWithValues: refused.map { input in
            guard case .rejected(let service) = input.outcome else { return (input.messageID.uuidString.lowercased(), 0) }
            return (input.messageID.uuidString.lowercased(), deadLettered[service, default: []].contains(input.messageID.uuidString.lowercased()) ? 1 : 0)
        })))
        let accepted = Set((plan.primaries + plan.dependents).filter { $0.outcome == .accepted }.map { $0.messageID.uuidString.lowercased() })
        let wronglyDead = deadLettered.values.reduce(0) { $0 + $1.intersection(accepted).count }
        rows.append(CheckRow("valid input dead-lettered", expected: 0, found: wronglyDead, lost: wronglyDead, duplicated: 0))
        return rows
    }
}
