/// A Danish postal address as an invoice prints it: `Brotorvet 2 D, 1. sal`, `7500`, `Holstebro`.
public struct PostalAddress: Sendable, Hashable, Codable {
    /// Street, number and any floor or door, as one line.
    public let street: String
    public let postalCode: String
    public let city: String

    public init(street: String, postalCode: String, city: String) {
        self.street = street
        self.postalCode = postalCode
        self.city = city
    }
}
