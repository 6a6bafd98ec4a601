"""Stage 1, load: read every file of a project (only inside it, never hidden ones) into data that
remembers where each value came from. Nothing later reads the project's files again."""
