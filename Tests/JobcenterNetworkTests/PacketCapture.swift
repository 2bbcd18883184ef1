import Foundation
import TestSupport

/// Every frame on one interface, as tcpdump writes it (`-s 0`: whole frames; `--immediate-mode -U`:
/// each frame to the file as it comes), kept in a file until the capture stops.
final class PacketCapture {
    private let tcpdump: BackgroundProcess
    private let file: URL

    /// Starts tcpdump and waits until it listens: frames sent before would be missed.
    init(interface: String) async throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("capture-\(UUID().uuidString).pcap")
        tcpdump = try BackgroundProcess(["tcpdump", "-i", interface, "-s", "0", "--immediate-mode", "-U", "-n", "-Z", "root", "-w", file.path])
        try await waitUntil("tcpdump listens", timeout: .seconds(10)) { [tcpdump] in tcpdump.output.contains("listening on") }
    }

    deinit {
        try? FileManager.default.removeItem(at: file)
    }

    /// Stops the capture once the file stopped growing for half a second: every frame sent so far
    /// is in it.
    func stop() async throws {
        try await waitUntil("the capture file stops growing", timeout: .seconds(10)) { [file] in
            func size() -> Int { (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0 }
            let before = size()
            try await Task.sleep(for: .milliseconds(500))
            return size() == before
        }
        tcpdump.kill()
    }

    /// Every byte of the capture file.
    func bytes() throws -> [UInt8] {
        Array(try Data(contentsOf: file))
    }
}
