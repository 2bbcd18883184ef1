import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP/1.1 request and its response on a connection of its own (`Connection: close`), over TLS
/// for an `https` endpoint: the chain verified against the endpoint's CA file (or the system's
/// trust store) and the host name against the certificate.
enum HTTPExchange {
    /// The largest answer read; the management API's listings of one vhost stay far below it.
    static let maximumBodySize = 16 << 20
    /// How long one request may take, connecting included, before its connection is closed.
    static let timeout = TimeAmount.seconds(30)

    static func perform(_ request: ManagementRequest, at endpoint: ManagementEndpoint) async throws -> ManagementResponse {
        let tls = try endpoint.useTLS ? makeTLSContext(caFile: endpoint.caFile) : nil
        let serverHostname = endpoint.host.isIPAddress ? nil : endpoint.host
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ManagementError.unreachable("connecting to \(endpoint.host):\(endpoint.port) failed (\(error))")
        }
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) { channel.channel.close(promise: nil) }
        defer { deadline.cancel() }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(.head(head(of: request, at: endpoint)))
                if let body = request.body { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
                try await outbound.write(.end(nil))
                var status: Int?
                var body: [UInt8] = []
                for try await part in inbound {
                    switch part {
                    case .head(let head):
                        status = Int(head.status.code)
                    case .body(var buffer):
                        guard body.count + buffer.readableBytes <= maximumBodySize else {
                            throw ManagementError.malformedResponse(action: request.action)
                        }
                        body += buffer.readBytes(length: buffer.readableBytes) ?? []
                    case .end:
                        guard let status else { throw ManagementError.malformedResponse(action: request.action) }
                        return ManagementResponse(status: status, body: body)
                    }
                }
                throw ManagementError.unreachable("the connection closed before the answer was complete")
            }
        } catch let error as ManagementError {
            throw error
        } catch {
            throw ManagementError.unreachable("\(request.action) failed (\(error))")
        }
    }

    /// The request's head: Basic credentials, JSON both ways, one request per connection.
    static func head(of request: ManagementRequest, at endpoint: ManagementEndpoint) -> HTTPRequestHead {
        let method: HTTPMethod = switch request.method {
        case .get: .GET
        case .put: .PUT
        case .post: .POST
        case .delete: .DELETE
        }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: request.path)
        head.headers.add(name: "Host", value: endpoint.host.isIPv6Address ? "[\(endpoint.host)]:\(endpoint.port)" : "\(endpoint.host):\(endpoint.port)")
        head.headers.add(name: "Authorization", value: endpoint.authorization)
        head.headers.add(name: "Accept", value: "application/json")
        head.headers.add(name: "Connection", value: "close")
        if let body = request.body {
            head.headers.add(name: "Content-Type", value: "application/json")
            head.headers.add(name: "Content-Length", value: String(body.count))
        } else if request.method != .get {
            head.headers.add(name: "Content-Length", value: "0")
        }
        return head
    }

    private static func makeTLSContext(caFile: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile { configuration.trustRoots = .file(caFile) }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw ManagementError.unreachable("the CA file cannot be used (\(error))")
        }
    }
}

extension String {
    fileprivate var isIPv6Address: Bool { contains(":") }
    fileprivate var isIPAddress: Bool { isIPv6Address || (try? SocketAddress(ipAddress: self, port: 0)) != nil }
}
