"""Map health: lint rules over a validated journey, the semantic diff of versions, statistics."""
