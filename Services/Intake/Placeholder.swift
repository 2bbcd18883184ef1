// Placeholder until Intake lands.
