import BodyReading

/// Who sent a message, as the broker vouches for it: its `user_id`, which RabbitMQ refuses unless it
/// is the publishing connection's own user.
public enum Sender: Sendable, Hashable {
    /// A jobcenter's system, broker user `jobcenter-<kommunekode>`: it speaks for its own
    /// municipality only.
    case jobcenter(kommunekode: String)
    /// Any other user: SpotJob's services, Code of Care's own users (`event-tooling`, `contracts`)
    /// and the administrator, who may speak about any municipality.
    case codeOfCare(user: String)

    /// The jobcenter's kommunekode, for a jobcenter: where its answers are delivered.
    public var kommunekode: String? {
        if case .jobcenter(let kode) = self { kode } else { nil }
    }

    /// The sender `userID` names; `nil` for none.
    public init?(userID: String?) {
        guard let userID, !userID.isEmpty else { return nil }
        let prefix = "jobcenter-"
        if userID.hasPrefix(prefix), case let kode = String(userID.dropFirst(prefix.count)),
           kode.count == 3, kode.allSatisfy(\.isASCII), kode.allSatisfy(\.isNumber) {
            self = .jobcenter(kommunekode: kode)
        } else {
            self = .codeOfCare(user: userID)
        }
    }

    /// Why `sender` may not send a message about `municipality` (`field` names where the message
    /// says it), or `nil` when it may: a message without a sender is refused `unknown-sender`
    /// (whatever it is about: `municipality` may be `nil` before it is known), a jobcenter's about
    /// another municipality `not-your-municipality` (a grant of a neighbour is the service's to look
    /// up: ``refusal(of:about:field:on:)``). No value is quoted.
    public static func refusal(of sender: Sender?, about municipality: String?, field: String) -> FieldError? {
        switch sender {
        case nil:
            FieldError(
                field: "$", code: .unknownSender,
                message: "the message has no user_id: publish as your jobcenter's broker user with user_id set to it")
        case .jobcenter(let kode) where municipality.map { $0 != kode } ?? false:
            FieldError(field: field, code: .notYourMunicipality, message: "a jobcenter sends only about its own municipality")
        case .jobcenter, .codeOfCare:
            nil
        }
    }
}
