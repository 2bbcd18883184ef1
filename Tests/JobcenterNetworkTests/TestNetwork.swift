import Foundation

/// A network the test makes and removes: a jobcenter's host in its own network namespace, linked by
/// a veth pair to a test host in the machine's namespace, whose non-loopback address forwards the
/// broker's TLS port to the broker (which listens on loopback only). Inside the namespace the
/// broker's certificate name resolves to that address (`/etc/netns/<name>/hosts`, which
/// `ip netns exec` puts over `/etc/hosts`), so clients verify the broker as they would anywhere.
final class TestNetwork {
    let namespace: String
    /// The test host's end of the link: where the capture listens.
    let hostInterface: String
    let hostAddress: String
    private let forwardedPort: Int
    private var forwardRule: [String] { [
        "PREROUTING", "-i", hostInterface, "-p", "tcp", "-d", hostAddress, "--dport", "\(forwardedPort)",
        "-j", "DNAT", "--to-destination", "127.0.0.1:\(forwardedPort)",
    ] }
    private var hostsDirectory: String { "/etc/netns/\(namespace)" }

    /// Makes the namespace and the link on 10.231.<subnet>.0/30, and forwards `port` of the test
    /// host's address to `127.0.0.1:port`, under the name `brokerName` inside the namespace.
    init(forwarding port: Int, as brokerName: String) throws {
        let tag = String(UInt32.random(in: 0..<0xFF_FFFF), radix: 16)
        let subnet = Int.random(in: 0...255)
        namespace = "spotjob-jc-\(tag)"
        hostInterface = "sjh\(tag)"
        hostAddress = "10.231.\(subnet).1"
        forwardedPort = port
        let clientInterface = "sjc\(tag)", clientAddress = "10.231.\(subnet).2"
        try Command.run(["ip", "netns", "add", namespace])
        do {
            try Command.run(["ip", "link", "add", hostInterface, "type", "veth", "peer", "name", clientInterface])
            try Command.run(["ip", "link", "set", clientInterface, "netns", namespace])
            try Command.run(["ip", "address", "add", "\(hostAddress)/30", "dev", hostInterface])
            try Command.run(["ip", "link", "set", hostInterface, "up"])
            try Command.run(["ip", "-n", namespace, "address", "add", "\(clientAddress)/30", "dev", clientInterface])
            try Command.run(["ip", "-n", namespace, "link", "set", clientInterface, "up"])
            try Command.run(["ip", "-n", namespace, "link", "set", "lo", "up"])
            try Command.run(["sysctl", "-qw", "net.ipv4.conf.\(hostInterface).route_localnet=1"])
            try Command.run(["iptables", "-t", "nat", "-A"] + forwardRule)
            try FileManager.default.createDirectory(atPath: hostsDirectory, withIntermediateDirectories: true)
            try "\(hostAddress) \(brokerName)\n".write(toFile: "\(hostsDirectory)/hosts", atomically: true, encoding: .utf8)
        } catch {
            remove()
            throw error
        }
    }

    /// `arguments` as run inside the namespace.
    func inside(_ arguments: [String]) -> [String] { ["ip", "netns", "exec", namespace] + arguments }

    /// Removes the forwarding, the names and the namespace (and with it both ends of the link).
    func remove() {
        _ = try? Command.run(["iptables", "-t", "nat", "-D"] + forwardRule)
        _ = try? Command.run(["ip", "netns", "delete", namespace])
        try? FileManager.default.removeItem(atPath: hostsDirectory)
    }
}
