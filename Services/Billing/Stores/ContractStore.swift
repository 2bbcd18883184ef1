import Chronology
import Domain
import Foundation
import JSON
import Messaging
import PostgresClient

/// Billing's contracts and their schedule lines (latest revision).
public enum ContractStore {
    /// The contract `contractId`, locked until the transaction ends (so one contract's messages
    /// are applied one after the other, also across replicas), or `nil`.
    static func locked(_ contractId: String, on connection: PostgresConnection) throws -> BillingContract? {
        let rows = try connection.pipeline([
            PostgresStatement(
                """
                SELECT revision, title, customer, period_start::text AS period_start, period_end::text AS period_end,
                       signed_on::text AS signed_on, payment_terms_days, mileage
                FROM contracts WHERE contract_id = $1 FOR UPDATE
                """, [contractId]),
            PostgresStatement(
                """
                SELECT line_id, description, amount_ore, due_on::text AS due_on, signed, after_meetings
                FROM schedule_lines WHERE contract_id = $1 ORDER BY position
                """, [contractId]),
        ])
        guard let row = rows[0].first else { return nil }
        return BillingContract(
            contractId: contractId, revision: try row.decode(Int.self, column: "revision"),
            title: try row.decode(String.self, column: "title"),
            customer: try row.decode(PostgresJSON.self, column: "customer").decode(StoredCustomer.self).customer(),
            periodStart: try date(row.decode(String.self, column: "period_start")),
            periodEnd: try date(row.decode(String.self, column: "period_end")),
            signedOn: try date(row.decode(String.self, column: "signed_on")),
            paymentTermsDays: try row.decode(Int.self, column: "payment_terms_days"),
            mileage: BillingContract.Mileage(rawValue: try row.decode(String.self, column: "mileage")) ?? .included,
            schedule: try rows[1].map { try line($0, contractId: contractId) })
    }

    /// Saves `contract` as the contract's latest revision, replacing its schedule.
    static func save(_ contract: BillingContract, isNew: Bool, at now: Date, on connection: PostgresConnection) throws {
        let customer = try PostgresJSON(bytes: JSONCoding.encoder.encode(StoredCustomer(contract.customer)))
        let lines = contract.schedule
        func dueOn(_ line: ScheduleLine) -> String? { if case .on(let date) = line.due { date.description } else { nil } }
        func meetings(_ line: ScheduleLine) -> Int? { if case .afterMeetings(let count) = line.due { count } else { nil } }
        var statements = [
            PostgresStatement(
                """
                INSERT INTO contracts (contract_id, revision, title, customer, period_start, period_end, signed_on,
                                       payment_terms_days, mileage, registered_at, updated_at)
                VALUES ($1, $2, $3, $4, $5::date, $6::date, $7::date, $8, $9, $10, $10)
                ON CONFLICT (contract_id) DO UPDATE SET
                    revision = EXCLUDED.revision, title = EXCLUDED.title, customer = EXCLUDED.customer,
                    period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
                    signed_on = EXCLUDED.signed_on, payment_terms_days = EXCLUDED.payment_terms_days,
                    mileage = EXCLUDED.mileage, updated_at = EXCLUDED.updated_at
                """,
                [contract.contractId, contract.revision, contract.title, customer, contract.periodStart.description,
                 contract.periodEnd.description, contract.signedOn.description, contract.paymentTermsDays,
                 contract.mileage.rawValue, now]),
        ]
        if !isNew {
            statements.append(PostgresStatement("DELETE FROM schedule_lines WHERE contract_id = $1", [contract.contractId]))
        }
        if !lines.isEmpty {
            statements.append(PostgresStatement(
                """
                INSERT INTO schedule_lines (contract_id, line_id, position, description, amount_ore, due_on, signed, after_meetings)
                SELECT $1, * FROM unnest($2::text[], $3::integer[], $4::text[], $5::bigint[], $6::date[], $7::boolean[], $8::integer[])
                """,
                [contract.contractId, PostgresArray(lines.map(\.lineId)), PostgresArray(Array(lines.indices)),
                 PostgresArray(lines.map(\.description)), PostgresArray(lines.map(\.amount.ore)),
                 PostgresArray(lines.map(dueOn)), PostgresArray(lines.map { $0.due == .signed }),
                 PostgresArray(lines.map(meetings))]))
        }
        _ = try connection.pipeline(statements)
    }

    /// Which of `contractIds` billing knows, locked until the transaction ends.
    static func known(_ contractIds: [String], on connection: PostgresConnection) throws -> Set<String> {
        Set(try connection.query(
            "SELECT contract_id FROM contracts WHERE contract_id = ANY($1::text[]) ORDER BY contract_id FOR UPDATE",
            [PostgresArray(contractIds)]
        ).map { try $0.decode(String.self, at: 0) })
    }

    /// Saves `contracts` that billing does not know yet, their schedules, the claims on what is
    /// due (`claims`: contract id, source) and `timers`, in one pipeline.
    static func saveNew(
        _ contracts: [BillingContract], claiming claims: [(contractId: String, source: InvoiceSource)], timers: [ScheduledTimer], at now: Date,
        on connection: PostgresConnection
    ) throws {
        guard !contracts.isEmpty else { return }
        func column<Value: PostgresEncodable>(_ value: (BillingContract) -> Value?) -> PostgresArray {
            PostgresArray(contracts.map(value))
        }
        let lines = contracts.flatMap { contract in contract.schedule.enumerated().map { (contract.contractId, $0.offset, $0.element) } }
        func dueOn(_ line: ScheduleLine) -> String? { if case .on(let date) = line.due { date.description } else { nil } }
        func meetings(_ line: ScheduleLine) -> Int? { if case .afterMeetings(let count) = line.due { count } else { nil } }
        var statements = [
            PostgresStatement(
                """
                INSERT INTO contracts (contract_id, revision, title, customer, period_start, period_end, signed_on,
                                       payment_terms_days, mileage, registered_at, updated_at)
                SELECT *, $10::timestamptz, $10::timestamptz
                FROM unnest($1::text[], $2::integer[], $3::text[], $4::jsonb[], $5::date[], $6::date[], $7::date[],
                            $8::integer[], $9::text[])
                """,
                [column(\.contractId), column(\.revision), column(\.title),
                 PostgresArray(try contracts.map { PostgresJSON(bytes: try JSONCoding.encoder.encode(StoredCustomer($0.customer))) }),
                 column(\.periodStart.description), column(\.periodEnd.description), column(\.signedOn.description),
                 column(\.paymentTermsDays), column(\.mileage.rawValue), now]),
        ]
        if !lines.isEmpty {
            statements.append(PostgresStatement(
                """
                INSERT INTO schedule_lines (contract_id, line_id, position, description, amount_ore, due_on, signed, after_meetings)
                SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::bigint[], $6::date[], $7::boolean[], $8::integer[])
                """,
                [PostgresArray(lines.map(\.0)), PostgresArray(lines.map(\.2.lineId)), PostgresArray(lines.map(\.1)),
                 PostgresArray(lines.map(\.2.description)), PostgresArray(lines.map(\.2.amount.ore)),
                 PostgresArray(lines.map { dueOn($0.2) }), PostgresArray(lines.map { $0.2.due == .signed }),
                 PostgresArray(lines.map { meetings($0.2) })]))
        }
        if !claims.isEmpty {
            statements.append(PostgresStatement(
                "INSERT INTO billed_items (contract_id, source) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
                [PostgresArray(claims.map(\.contractId)), PostgresArray(claims.map(\.source.key))]))
        }
        if !timers.isEmpty { statements += Timers.scheduleStatements(timers, now: now) }
        _ = try connection.pipeline(statements)
    }

    /// The number of distinct meetings held for `contractId`.
    static func meetingsHeld(_ contractId: String, on connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT count(*) FROM meetings WHERE contract_id = $1", [contractId]).first?.decode(Int.self, at: 0) ?? 0
    }

    /// Records a meeting; `false` when it was recorded before (a meeting counts once).
    static func recordMeeting(_ meeting: MeetingHeld, at now: Date, on connection: PostgresConnection) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO meetings (contract_id, meeting_id, held_on, recorded_at) VALUES ($1, $2, $3::date, $4)
            ON CONFLICT DO NOTHING
            """, [meeting.contractId, meeting.meetingId, meeting.heldOn.description, now]) == 1
    }

    static func date(_ text: String) throws -> CivilDate {
        guard let date = CivilDate(text) else { throw StoredDataError.invalidDate(text) }
        return date
    }

    private static func line(_ row: PostgresRow, contractId: String) throws -> ScheduleLine {
        let lineId = try row.decode(String.self, column: "line_id")
        let due: ScheduleLine.Due
        if let on = try row.decode(String?.self, column: "due_on") {
            due = .on(try date(on))
        } else if let meetings = try row.decode(Int?.self, column: "after_meetings") {
            due = .afterMeetings(meetings)
        } else if try row.decode(Bool.self, column: "signed") {
            due = .signed
        } else {
            throw StoredDataError.invalidDue(contractId: contractId, lineId: lineId)
        }
        return ScheduleLine(
            lineId: lineId, description: try row.decode(String.self, column: "description"),
            amount: Money(ore: try row.decode(Int64.self, column: "amount_ore")), due: due)
    }
}
