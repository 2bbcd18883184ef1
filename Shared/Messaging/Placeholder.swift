// Placeholder until Messaging lands.
