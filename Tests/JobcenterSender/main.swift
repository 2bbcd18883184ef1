import AMQPClient
import Foundation
import Logging
import Messaging

/// A jobcenter system as `JobcenterNetworkTests` run it inside its own network namespace: publishes
/// each line of its standard input, `<routing key> <body>`, to the `spotjob` exchange as the user of
/// `SENDER_AMQP_URL`, and exits 0 once the broker has confirmed every message.
guard let url = ProcessInfo.processInfo.environment["SENDER_AMQP_URL"] else {
    FileHandle.standardError.write(Data("JobcenterSender: SENDER_AMQP_URL is not set\n".utf8))
    exit(2)
}
var messages: [OutgoingMessage] = []
while let line = readLine(), let space = line.firstIndex(of: " ") {
    let routingKey = String(line[..<space]), body = Array(line[line.index(after: space)...].utf8)
    messages.append(Envelope(type: routingKey, producer: "jobcenter-system", body: body).outgoing(exchange: SpotJobTopology.exchange))
}
let publisher = AMQPPublisher(configuration: try AMQPConfiguration(url: url), logger: Logger(label: "jobcenter-sender"))
do {
    try await publisher.publish(messages)
} catch {
    FileHandle.standardError.write(Data("JobcenterSender: \(error)\n".utf8))
    exit(1)
}
await publisher.close()
