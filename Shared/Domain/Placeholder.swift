// Placeholder until Domain lands.
