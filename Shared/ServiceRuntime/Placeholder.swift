// Placeholder until ServiceRuntime lands.
