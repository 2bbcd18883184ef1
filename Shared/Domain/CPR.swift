/// A Danish personal identification number (CPR-nummer).
///
/// Written `DDMMYY-SSSS` or as ten bare digits, nothing else: no spaces, no other separator.
/// The first six digits are a real birth date whose century the seventh digit gives (see
/// ``BirthDate``). There is no modulus-11 check: numbers issued since 2007 need not pass one.
///
/// A CPR number is personal data, so the type keeps it out of text by accident:
/// ``description`` and ``debugDescription`` are the ``masked`` form, `dump` shows nothing more, and
/// there is no `Codable` conformance. Code that must have the number writes ``digits`` or
/// ``formatted`` explicitly, and stores it encrypted (`CPRCipher` in `PersonalData`).
public struct CPR: Sendable, Hashable {
    /// The ten digits, without the dash.
    public let digits: String

    /// The birth date the first six digits and the seventh give.
    public let birthDate: BirthDate

    private static let length = 10
    private static let dashOffset = 6

    /// Parses and checks a CPR number.
    ///
    /// - Throws: a ``CPRError`` naming the first rule the input breaks; it never holds the input.
    public init(_ input: String) throws(CPRError) {
        var bytes = Array(input.utf8)
        if bytes.count > Self.dashOffset, bytes[Self.dashOffset] == UInt8(ascii: "-") {
            bytes.remove(at: Self.dashOffset)
        }
        guard bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { throw .nonDigit }
        guard bytes.count == Self.length else { throw .wrongLength }
        let values = bytes.map { Int($0 - UInt8(ascii: "0")) }
        func number(at offset: Int) -> Int { values[offset] * 10 + values[offset + 1] }
        let yearOfCentury = number(at: 4)
        let century = Self.century(seventhDigit: values[6], yearOfCentury: yearOfCentury)
        guard let birthDate = BirthDate(year: century + yearOfCentury, month: number(at: 2), day: number(at: 0)) else {
            throw .notADate
        }
        self.digits = String(decoding: bytes, as: UTF8.self)
        self.birthDate = birthDate
    }

    /// The number as `DDMMYY-SSSS`.
    public var formatted: String { "\(digits.prefix(Self.dashOffset))-\(digits.dropFirst(Self.dashOffset))" }
}
