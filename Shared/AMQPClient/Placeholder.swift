// Placeholder until AMQPClient lands.
