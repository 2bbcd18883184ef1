import Messaging

/// What a SpotJob service is, in one value: everything the kit (``ConsumingService``) needs
/// besides the configuration every service reads alike (``ServiceConfiguration``). Each service's
/// `main.swift` builds one from the environment and hands it to ``ServiceMain/run(_:)``.
///
/// ```swift
/// // Services/IntakeService/main.swift
/// await ServiceMain.run { _ in
///     ServiceDeclaration(
///         name: IntakeEvents.service,
///         consumes: IntakeEvents.consumed,
///         handler: IntakeHandler(),
///         rejections: RejectionPolicy().announcing(IntakeEvents.sheetRejected, subjectField: .sheetId, for: IntakeEvents.consumed))
/// }
/// ```
public struct ServiceDeclaration<Handler: MessageHandler>: Sendable {
    /// The service's name: its queue, schema, database role, broker user and log label.
    public var name: String
    /// The routing keys its queue is bound to.
    public var consumes: [String]
    /// Its reaction to the messages it consumes.
    public var handler: Handler
    /// Its own timers by kind (each kind prefixed with the service's name, e.g.
    /// `followup.contact-reminder`); the kit adds retention's.
    public var timers: TimerHandlers
    /// What is announced and sealed of the messages it refuses.
    public var rejections: RejectionPolicy

    public init(
        name: String, consumes: [String], handler: Handler, timers: TimerHandlers = TimerHandlers(),
        rejections: RejectionPolicy = RejectionPolicy()
    ) {
        precondition(
            timers.kinds.allSatisfy { $0.hasPrefix("\(name).") },
            "a service's timer kinds start with its name")
        self.name = name
        self.consumes = consumes
        self.handler = handler
        self.timers = timers
        self.rejections = rejections
    }
}
