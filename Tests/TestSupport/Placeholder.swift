// Placeholder until TestSupport lands.
