"""AI Adoption Advisor: cheap, off-the-shelf AI where it pays, and no tokens where it does not."""
