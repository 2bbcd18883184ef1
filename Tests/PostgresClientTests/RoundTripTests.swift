import Foundation
import PostgresClient
import XCTest

/// Every supported type goes to the server as a bind and comes back decoded, NULL included.
final class RoundTripTests: XCTestCase {
    private struct Profile: Codable, Equatable {
        var name: String
        var skills: [String]
    }

    func testEveryTypeRoundTripsWithNulls() async throws {
        try await TestSchema.with { schema in
            let id = UUID()
            let at = Date(timeIntervalSince1970: 1_717_171_717.123456)
            let bytes: [UInt8] = [0, 1, 0x27, 0x5c, 0x7f, 0x80, 0xff]
            let text = "Søren Ærøskøbing 🚀 ñ e\u{301} \"quoted\" \\ backslash"
            let profile = Profile(name: "Åse 'Ø' Ærø", skills: ["lager", "kasse\"\\"])
            let document = try PostgresJSON(encoding: profile)
            let rows = try await schema.client.withConnection { connection in
                try connection.execute("""
                    CREATE TABLE value (
                        id integer PRIMARY KEY, text text, int8 bigint, int4 integer, whole_ore numeric(14, 0),
                        ore numeric(14, 2), flag boolean, ratio double precision, uuid uuid, at timestamptz,
                        bytes bytea, document jsonb)
                    """)
                let insert = "INSERT INTO value VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                try connection.execute(insert, [
                    1, text, Int64.max, Int32.min, Int64(123_456_789_012), Int64(1250), true, 0.1, id, at, bytes, document,
                ])
                try connection.execute(insert, [2, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil])
                try connection.execute(insert, [3, "", Int64.min, Int32.max, Int64(-5), Int64(0), false, -1e300, nil, nil, [UInt8](), nil])
                return try connection.query("SELECT * FROM value ORDER BY id")
            }
            XCTAssertEqual(rows.count, 3)
            XCTAssertEqual(rows.columnNames.first, "id")

            let full = rows[0]
            XCTAssertEqual(try full.decode(Int.self, column: "id"), 1)
            XCTAssertEqual(try full.decode(String.self, column: "text"), text)
            XCTAssertEqual(try full.decode(Int64.self, column: "int8"), .max)
            XCTAssertEqual(try full.decode(Int32.self, column: "int4"), .min)
            XCTAssertEqual(try full.decode(Int64.self, column: "whole_ore"), 123_456_789_012)
            XCTAssertEqual(try full.decode(Int64.self, column: "ore"), 1250)
            XCTAssertEqual(try full.decode(String.self, column: "ore"), "1250.00")
            XCTAssertEqual(try full.decode(Bool.self, column: "flag"), true)
            XCTAssertEqual(try full.decode(Double.self, column: "ratio"), 0.1)
            XCTAssertEqual(try full.decode(UUID.self, column: "uuid"), id)
            XCTAssertEqual(try full.decode(Date.self, column: "at"), at)
            XCTAssertEqual(try full.decode([UInt8].self, column: "bytes"), bytes)
            XCTAssertEqual(try full.decode(PostgresJSON.self, column: "document").decode(Profile.self), profile)
            XCTAssertEqual(try full.decode(String?.self, at: 1), text)

            let null = rows[1]
            XCTAssertNil(try null.decode(String?.self, column: "text"))
            XCTAssertNil(try null.decode(Int64?.self, column: "int8"))
            XCTAssertNil(try null.decode(Int32?.self, column: "int4"))
            XCTAssertNil(try null.decode(Int64?.self, column: "ore"))
            XCTAssertNil(try null.decode(Bool?.self, column: "flag"))
            XCTAssertNil(try null.decode(Double?.self, column: "ratio"))
            XCTAssertNil(try null.decode(UUID?.self, column: "uuid"))
            XCTAssertNil(try null.decode(Date?.self, column: "at"))
            XCTAssertNil(try null.decode([UInt8]?.self, column: "bytes"))
            XCTAssertNil(try null.decode(PostgresJSON?.self, column: "document"))
            XCTAssertNil(try null.decode(Int?.self, at: 2))

            let edges = rows[2]
            XCTAssertEqual(try edges.decode(String.self, column: "text"), "")
            XCTAssertEqual(try edges.decode(Int64.self, column: "int8"), .min)
            XCTAssertEqual(try edges.decode(Int32.self, column: "int4"), .max)
            XCTAssertEqual(try edges.decode(Int64.self, column: "whole_ore"), -5)
            XCTAssertEqual(try edges.decode(Int64.self, column: "ore"), 0)
            XCTAssertEqual(try edges.decode(Bool.self, column: "flag"), false)
            XCTAssertEqual(try edges.decode(Double.self, column: "ratio"), -1e300)
            XCTAssertEqual(try edges.decode([UInt8].self, column: "bytes"), [])
        }
    }

    func testNullIntoNonOptionalThrowsNamingTheColumn() async throws {
        try await TestSchema.with { schema in
            let rows = try await schema.client.withConnection {
                try $0.query("SELECT NULL::text AS nickname, 12.5::numeric AS amount")
            }
            XCTAssertThrowsError(try rows[0].decode(String.self, column: "nickname")) { error in
                let error = error as? PostgresDecodingError
                XCTAssertEqual(error?.reason, .unexpectedNull)
                XCTAssertEqual(error?.column, "nickname")
                XCTAssertTrue("\(error.map { "\($0)" } ?? "")".contains("\"nickname\""))
            }
            XCTAssertThrowsError(try rows[0].decode(Int64.self, column: "amount")) { error in
                XCTAssertEqual((error as? PostgresDecodingError)?.reason, .invalidValue(PostgresDataType(rawValue: 1700)))
                XCTAssertFalse("\(error)".contains("12.5"), "the value stays out of the message")
            }
            XCTAssertThrowsError(try rows[0].decode(String.self, column: "missing")) { error in
                XCTAssertEqual((error as? PostgresDecodingError)?.reason, .noSuchColumn)
            }
            XCTAssertThrowsError(try rows[0].decode(String.self, at: 5)) { error in
                XCTAssertEqual((error as? PostgresDecodingError)?.reason, .noSuchColumn)
            }
        }
    }

    /// Timestamps are encoded and parsed in absolute terms, not only symmetrically.
    func testTimestampsMatchTheServersReading() async throws {
        try await TestSchema.with { schema in
            let client = schema.client
            let sent = Date(timeIntervalSince1970: 1_714_979_289.123456)
            let matches = try await client.scalar(
                Bool.self, "SELECT $1 = '2024-05-06 07:08:09.123456+00'::timestamptz", [sent])
            XCTAssertTrue(matches)
            let parsed = try await client.scalar(Date.self, "SELECT '2024-05-06 09:08:09.5+02'::timestamptz")
            XCTAssertEqual(parsed, Date(timeIntervalSince1970: 1_714_979_289.5))

            let dates = [
                Date(timeIntervalSince1970: 0),
                Date(timeIntervalSince1970: -1_000_000_000.25),
                Date(timeIntervalSince1970: -62_135_596_800),  // 0001-01-01
                Date(timeIntervalSince1970: -65_000_000_000),  // 91 BC
                Date(timeIntervalSince1970: 253_402_300_800.5),  // 10000-01-01
                Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1e6).rounded() / 1e6),
            ]
            for date in dates {
                let back = try await client.scalar(Date.self, "SELECT $1::timestamptz", [date])
                XCTAssertEqual(back.timeIntervalSince1970, date.timeIntervalSince1970, accuracy: 1e-6, "\(date)")
            }
        }
    }

    func testDoublesKeepSpecialValues() async throws {
        try await TestSchema.with { schema in
            for value in [Double.infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0] {
                let back = try await schema.client.scalar(Double.self, "SELECT $1::float8", [value])
                XCTAssertEqual(back, value)
            }
            let nan = try await schema.client.scalar(Double.self, "SELECT $1::float8", [Double.nan])
            XCTAssertTrue(nan.isNaN)
        }
    }

    /// A bind is data, never SQL, whatever it contains.
    func testBindsAreStoredLiterally() async throws {
        try await TestSchema.with { schema in
            let hostile = [
                "Robert'); DROP TABLE person; --",
                "'; drop table person",
                "$1 \\x00 '' \"\" E'\\n'",
            ]
            let stored = try await schema.client.withConnection { connection in
                try connection.execute("CREATE TABLE person (name text NOT NULL)")
                for name in hostile {
                    try connection.execute("INSERT INTO person (name) VALUES ($1)", [name])
                }
                return try connection.query("SELECT name FROM person").map {
                    try $0.decode(String.self, column: "name")
                }
            }
            XCTAssertEqual(stored.sorted(), hostile.sorted())
            let matches = try await schema.client.scalar(
                Int.self, "SELECT count(*) FROM person WHERE name = $1", [hostile[1]])
            XCTAssertEqual(matches, 1)
        }
    }

    /// Text and bytes sent as binary arrays come back byte for byte, whatever they hold; an empty
    /// array is empty; the element type must match the cast.
    func testBinaryArraysRoundTrip() async throws {
        try await TestSchema.with { schema in
            let texts = ["<a b=\"c\">\\ {,} NULL</a>", "", "Søren Ærø 🚀", String(repeating: "x", count: 70_000)]
            let bytes: [[UInt8]] = [[0, 1, 0x22, 0x5c, 0x7b, 0xff], [], Array("\\x00".utf8)]
            try await schema.client.withConnection { connection in
                let rows = try connection.query(
                    "SELECT t, b FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u (t, b, n) ORDER BY n",
                    [PostgresArray(binary: texts), PostgresArray(binary: bytes)])
                XCTAssertEqual(try rows.map { try $0.decode(String?.self, column: "t") }, texts.map(Optional.some))
                XCTAssertEqual(try rows.map { try $0.decode([UInt8]?.self, column: "b") }, bytes.map(Optional.some) + [nil])
                let empty = try connection.query("SELECT cardinality($1::text[])", [PostgresArray(binary: [String]())])
                XCTAssertEqual(try empty[0].decode(Int.self, at: 0), 0)
                XCTAssertThrowsError(try connection.query("SELECT $1::uuid[]", [PostgresArray(binary: ["x"])]))
            }
        }
    }
}
