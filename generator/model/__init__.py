"""Stage 3, model: the typed, immutable model of a project, built from what was loaded and validated.
It carries the checked images, attachments and logo, so no later stage needs the loader."""
