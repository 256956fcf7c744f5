"""The "Train on my collection" wizard: one module per page, plus its workers and presets."""
