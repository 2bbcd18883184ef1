import SeededRandom

/// Makes hostile message bodies from a corpus of valid ones, the same sequence for the same seed:
/// one to three mutations each (byte flips, deletions, insertions of structural bytes and of NUL,
/// values replaced by huge numbers, dates out of range and long strings, deep nesting, splices with
/// another body), and now and then the body under another of the reader's routing keys.
struct BodyMutator {
    private var random: SplitMix64
    private let seeds: [ReaderCorpus.Seed]
    private let donors: [ReaderCorpus.Seed]

    /// A string no refusal may quote: a message names rules and bounds, never the value sent.
    static let sentinel = "FUZZ-SENTINEL"
    /// Values a refusal must not quote either.
    static let unquotable = [sentinel, "0000-01-01", "9999-12-31", "1700-03-01"].map { Array($0.utf8) }

    /// The first of ``unquotable`` that `text` holds, if any (searched byte by byte: Foundation's
    /// `contains` cost a tenth of the run).
    static func unquotableValue(in text: String) -> String? {
        let bytes = Array(text.utf8)
        for value in unquotable where bytes.count >= value.count {
            for start in 0...(bytes.count - value.count) where bytes[start] == value[0] {
                if bytes[start..<start + value.count].elementsEqual(value) { return String(decoding: value, as: UTF8.self) }
            }
        }
        return nil
    }

    init(seed: UInt64, seeds: [ReaderCorpus.Seed], donors: [ReaderCorpus.Seed]) {
        random = SplitMix64(seed: seed)
        self.seeds = seeds
        self.donors = donors
    }

    /// The next body and the routing key it is read under.
    mutating func next() -> ReaderCorpus.Seed {
        let seed = seeds[int(seeds.count)]
        var body = seed.body
        for _ in 0...int(3) { mutate(&body) }
        let other = seeds[int(seeds.count)]
        return ReaderCorpus.Seed(type: int(20) == 0 ? other.type : seed.type, body: body)
    }

    private mutating func mutate(_ body: inout [UInt8]) {
        switch int(12) {
        case 0:
            guard !body.isEmpty else { return }
            body[int(body.count)] ^= 1 << UInt8(int(8))
        case 1:
            guard !body.isEmpty else { return }
            let start = int(body.count)
            body.removeSubrange(start..<min(body.count, start + 1 + int(16)))
        case 2:
            body.insert(contentsOf: Self.structural[int(Self.structural.count)], at: int(body.count + 1))
        case 3...8:
            replaceValue(in: &body, with: hostileValue())
        case 9:
            let depth = 1 + int(40)
            let nested = Array(repeating: UInt8(ascii: "["), count: depth) + hostileValue() + Array(repeating: UInt8(ascii: "]"), count: depth)
            replaceValue(in: &body, with: nested)
        case 10:
            let donor = donors[int(donors.count)].body
            body = Array(body.prefix(int(body.count + 1))) + donor.suffix(int(donor.count + 1))
        default:
            guard !body.isEmpty else { return }
            let start = int(body.count)
            let copied = body[start..<min(body.count, start + 1 + int(64))]
            body.insert(contentsOf: copied, at: int(body.count + 1))
        }
    }

    /// Replaces a value (a string, a number or a literal) with `value`: the first after a `:`, `[` or
    /// `,` from a random place on.
    private mutating func replaceValue(in body: inout [UInt8], with value: [UInt8]) {
        guard !body.isEmpty else { return }
        var start = int(body.count)
        while start < body.count, !Self.startsAValue(body[start]) { start += 1 }
        start = min(body.count, start + 1)
        while start < body.count, body[start] == UInt8(ascii: " ") || body[start] == UInt8(ascii: "\n") { start += 1 }
        var end = start
        if end < body.count, body[end] == UInt8(ascii: "\"") {
            end += 1
            while end < body.count, body[end] != UInt8(ascii: "\"") { end += body[end] == UInt8(ascii: "\\") ? 2 : 1 }
            end = min(body.count, end + 1)
        } else {
            while end < body.count, !Self.endsAValue(body[end]) { end += 1 }
        }
        body.replaceSubrange(start..<end, with: value)
    }

    private mutating func hostileValue() -> [UInt8] {
        switch int(4) {
        case 0:
            // A date of any year that four digits hold, sometimes with a time and an offset.
            let (year, month, day) = (int(10_000), 1 + int(12), 1 + int(31))
            var text = Self.digits(year, 4) + "-" + Self.digits(month, 2) + "-" + Self.digits(day, 2)
            if int(2) == 0 {
                let (hour, minute, offset) = (int(24), int(60), ["Z", "+23:59", "-23:59", "+01:00"][int(4)])
                text += "T" + Self.digits(hour, 2) + ":" + Self.digits(minute, 2) + ":00" + offset
            }
            return Array(("\"" + text + "\"").utf8)
        case 1:
            // Past the longest field, and now and then past the largest body (64 KiB).
            return int(200) == 0 ? Self.tooLargeString : Self.longStrings[int(Self.longStrings.count)]
        default:
            return Self.values[int(Self.values.count)]
        }
    }

    private mutating func int(_ upperBound: Int) -> Int {
        Int(random.next() % UInt64(upperBound))
    }

    /// `value` in `width` decimal digits, zero-padded.
    private static func digits(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func startsAValue(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: ",")
    }

    private static func endsAValue(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte <= UInt8(ascii: " ")
    }

    private static let longStrings: [[UInt8]] = ["x", "ø", "😀", " "].flatMap { character in
        [65, 101, 201, 501, 2001].map { Array("\"\(String(repeating: character, count: $0))\"".utf8) }
    }
    private static let tooLargeString = Array("\"\(String(repeating: "x", count: 66_000))\"".utf8)

    private static let structural: [[UInt8]] = [
        [0], [0xFF], [0xC3], [0xED, 0xA0, 0x80], Array("{".utf8), Array("[".utf8), Array("}".utf8), Array("]".utf8),
        Array("\"".utf8), Array(",".utf8), Array(":".utf8), Array("\\".utf8), Array("\\u0000".utf8), Array("\\ud800".utf8),
        Array("0".utf8), Array("9".utf8), Array("-".utf8), Array(".".utf8), Array("e".utf8), Array("1e400".utf8),
        Array("18446744073709551616".utf8), Array("\u{FEFF}".utf8), Array(" ".utf8),
    ]

    private static let values: [[UInt8]] = [
        #""0000-01-01""#, #""9999-12-31""#, #""1700-03-01""#, #""1899-12-31""#, #""1900-01-01""#, #""2101-01-01""#,
        #""0000-01-01T00:00:00Z""#, #""1700-03-01T00:00:00+01:00""#, #""9999-12-31T23:59:59-23:59""#,
        #""1999-12-31T23:59:59.999Z""#, #""2017-02-29""#, #""2016-02-29T23:59:60Z""#, #""2017-05-15T14:20:00""#,
        "\"\(sentinel)\"", "\"\(sentinel)\\u0000\"", #""""#, #""   ""#, #""\u0000""#, #""x/y""#, #""\ud83d\ude00""#,
        "1e400", "-1e400", "1e-400", "18446744073709551616", "18446744073709551615", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "2147483647", "2147483648", "-2147483649", "-1", "0", "-0",
        "0.05", "37.05", "37", "1000000000000", "1000000000001", "10000.05", "1.0", "2.5", "1E2", "1e2",
        "123456789012345678901234567890", "0.1e1", "null", "true", "false", "[]", "{}", "[null]", #"{"a":1}"#,
        #"{"on":"0000-01-01"}"#, #"{"signed":true,"on":"2020-01-01"}"#, #"{"afterMeetings":1e400}"#, #"{"min":37,"max":0.1}"#,
    ].map { Array($0.utf8) }
}
