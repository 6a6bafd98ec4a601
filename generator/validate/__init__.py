"""Stage 2, validate: schemas with Dutch messages, ids and references, blocks, documents and the legal
rules (rules.yaml). Raises every content error at once, sorted; returns the warnings."""
