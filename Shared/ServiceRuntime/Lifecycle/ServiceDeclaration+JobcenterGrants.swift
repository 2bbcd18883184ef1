import Messaging

extension ServiceDeclaration {
    /// The same service, keeping the jobcenters' registry too (``JobcenterGrantKeeper``): its queue
    /// is also bound to `jobcenter.registered` and `jobcenter.removed`. For a service that checks a
    /// jobcenter's sender.
    public func keepingJobcenterGrants() -> ServiceDeclaration<JobcenterGrantKeeper<Handler>> {
        ServiceDeclaration<JobcenterGrantKeeper<Handler>>(
            name: name, consumes: consumes + JobcenterGrantKeeper<Handler>.keys, handler: JobcenterGrantKeeper(handler),
            timers: timers, rejections: rejections)
    }
}
