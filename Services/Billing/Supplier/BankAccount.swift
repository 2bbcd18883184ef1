import Domain

/// A Danish bank account: a 4-digit registration number (reg.nr.), not `0000`, and an account
/// number of up to 10 digits. Where a customer pays an invoice (OIOUBL payment means 42, channel
/// `DK:BANK`; the OIOUBL schematron wants the reg.nr. to be a non-zero number, rule F-LIB311).
public struct BankAccount: Sendable, Hashable {
    public let registrationNumber: String
    public let accountNumber: String

    /// The account, or `nil` unless `registrationNumber` is 4 digits other than `0000` and
    /// `accountNumber` 1 to 10 digits.
    public init?(registrationNumber: String, accountNumber: String) {
        guard Self.isDigits(registrationNumber, count: 4...4), registrationNumber != "0000",
              Self.isDigits(accountNumber, count: 1...10) else { return nil }
        self.registrationNumber = registrationNumber
        self.accountNumber = accountNumber
    }

    private static func isDigits(_ text: String, count: ClosedRange<Int>) -> Bool {
        count.contains(text.count) && text.isASCIIDigits
    }
}

extension BankAccount: Codable {
    private enum CodingKeys: String, CodingKey {
        case registrationNumber, accountNumber
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let registration = try container.decode(String.self, forKey: .registrationNumber)
        let account = try container.decode(String.self, forKey: .accountNumber)
        guard let value = BankAccount(registrationNumber: registration, accountNumber: account) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a bank account needs a 4-digit registrationNumber other than 0000 and an accountNumber of 1 to 10 digits"
            ))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(registrationNumber, forKey: .registrationNumber)
        try container.encode(accountNumber, forKey: .accountNumber)
    }
}
