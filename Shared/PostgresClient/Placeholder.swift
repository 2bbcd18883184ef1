// Placeholder until PostgresClient lands.
