import Contracts
import Foundation
import JSON
import TestSupport

extension Bench {
    /// The event writer (`JSONCoding.encoder`) against Foundation's `JSONEncoder` with the same
    /// settings (`JSONCoding.makeEncoder()`), on bodies the services emit, in one run: each body
    /// encoded `iterations` times by each, in three alternating rounds, the best round of each
    /// compared. The writer is kept only while it is at least 1.5 times as fast. The two write the
    /// same bytes but for UUIDs, which Foundation cannot write in lower case (`UUIDCase`); its time
    /// is taken without lowering them, in its favour.
    func json(iterations: Int) throws {
        let decoder = JSONCoding.makeDecoder()
        let foundation = JSONCoding.makeEncoder()
        let bodies: [(name: String, encode: (JSONEncoder) throws -> [UInt8], write: () throws -> [UInt8], reference: () throws -> [UInt8])] = [
            try body("opening.registered", OpeningPayload.self, EventSamples.openingRegistered, decoder),
            try body("match.proposed (5 proposals)", MatchProposedPayload.self, EventSamples.matchProposed, decoder),
            try body("followup.task-opened", TaskOpenedPayload.self, EventSamples.taskOpened, decoder),
            try body("invoice.issued (with its OIOUBL)", DocumentIssuedPayload.self, EventSamples.invoiceIssued, decoder),
        ]
        for body in bodies {
            let written = try body.write()
            guard written == (try body.reference()) else { throw BenchmarkError("json: \(body.name) differs between the encoders") }
            var best = (writer: 0.0, foundation: 0.0)
            for _ in 1...3 {
                best.foundation = max(best.foundation, try Self.rate(iterations) { _ = try body.encode(foundation) })
                best.writer = max(best.writer, try Self.rate(iterations) { _ = try body.write() })
            }
            report.rate("\(body.name), \(written.count) bytes: Foundation JSONEncoder", best.foundation, unit: "bodies/s")
            report.rate("\(body.name): event writer", best.writer, reference: best.foundation, target: 1.5, unit: "bodies/s")
        }
    }

    private func body<Payload: Codable>(
        _ name: String, _ type: Payload.Type, _ sample: String, _ decoder: JSONDecoder
    ) throws -> (name: String, encode: (JSONEncoder) throws -> [UInt8], write: () throws -> [UInt8], reference: () throws -> [UInt8]) {
        let payload = try decoder.decode(type, from: Data(sample.utf8))
        return (name, { Array(try $0.encode(payload)) }, { try JSONCoding.encoder.encode(payload) }, { try UUIDCase.foundationReference(payload) })
    }

    private static func rate(_ count: Int, _ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        for _ in 0..<count { try body() }
        return Double(count) / ((ContinuousClock.now - start) / .seconds(1))
    }
}

/// Event bodies as the services write them (`docs/messages.md`).
enum EventSamples {
    static let openingRegistered = """
        {"category":"kitchen-cleaning","company":{"cvr":"10150817","employees":40,"name":"Kantinen ved Teatret ApS"},
        "hoursPerWeek":7.5,"jobType":"smajob","municipality":"615","openingId":"0b6f0c4e-3f4f-4a55-9f0e-6a1f3f1f2c11",
        "positions":1,"registeredAt":"2017-05-15T12:10:02.311Z","revision":1,"sheetId":"horsens-2017-05-15-001",
        "source":"jobshop-horsens-2017-05-15","submittedAt":"2017-05-15T12:05:00.000Z",
        "tasks":["anrette-fjerne-frokost","opvask","klargoere-moedelokaler"],"visitRequested":true}
        """

    static let taskOpened = """
        {"taskId":"4d2c7a1e-9b3f-4e8a-8c11-2f6b5a9d0e42","openingId":"0b6f0c4e-3f4f-4a55-9f0e-6a1f3f1f2c11",
        "kind":"contact","municipality":"615","visitRequested":true,"dueAt":"2017-05-17T14:00:00.000Z"}
        """

    static var matchProposed: String {
        let criteria = [
            ("tasks", 35, 80, "kan 4 af 5 opgaver: anrette/fjerne frokost, opvask, klargøre mødelokaler, ordne køleskab"),
            ("category-preference", 20, 100, "ønsker Køkken/Rengøring som første valg"),
            ("hours-fit", 15, 90, "7,5 timer om ugen ligger inden for de ønskede 5–10 timer"),
            ("home-municipality", 10, 100, "bor i Horsens, hvor jobbet er"),
            ("time-out-of-work", 20, 75, "har været uden arbejde i 3 år: forrang til dem, der har ventet længst"),
        ].map { criterion, weight, score, explanation in
            #"{"criterion":"\#(criterion)","weight":\#(weight),"score":\#(score),"explanation":"\#(explanation)"}"#
        }.joined(separator: ",")
        let proposals = (1...5).map { rank in
            #"{"candidateId":"horsens-cand-\#(1000 + rank)","rank":\#(rank),"score":\#(90 - rank),"criteria":[\#(criteria)]}"#
        }.joined(separator: ",")
        return #"{"openingId":"0b6f0c4e-3f4f-4a55-9f0e-6a1f3f1f2c11","proposals":[\#(proposals)],"#
            + #""model":"matching-1 tasks=35,category-preference=20,hours-fit=15,home-municipality=10,time-out-of-work=20","#
            + #""proposedAt":"2017-05-15T12:10:03.020Z"}"#
    }

    static var invoiceIssued: String {
        let lines = (1...3).map { index in
            #"{"lineId":"\#(index)","description":"Task Force møde \#(index) af 6","quantity":"1","unitCode":"EA","unitPriceOre":19791667,"amountOre":19791667}"#
        }.joined(separator: ",")
        // The OIOUBL document travels inside the event as one string: every quote and angle bracket
        // of its XML is written by the encoder.
        let line = #"<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="EA">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="DKK">197916.67</cbc:LineExtensionAmount><cac:Item><cbc:Description>Task Force møde</cbc:Description><cbc:Name>Task Force møde</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="DKK">197916.67</cbc:PriceAmount></cac:Price></cac:InvoiceLine>"#
        let document = #"<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">"#
            + String(repeating: line, count: 12) + "</Invoice>"
        return #"{"invoiceNumber":17,"kind":"invoice","contractId":"ishoj-2017","#
            + #""customer":{"name":"Ishøj Kommune","cvr":"11931316","ean":"5798000553008"},"issueDate":"2017-06-30","dueDate":"2017-07-30","#
            + #""lines":[\#(lines)],"netOre":59375001,"vatOre":14843750,"grossOre":74218751,"currency":"DKK","#
            + #""orderReference":"TF-2017","oioubl":"\#(document.replacingOccurrences(of: "\"", with: #"\""#))"}"#
    }
}
