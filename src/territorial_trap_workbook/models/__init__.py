"""Pure, cited models: one module per model, no plotting, no I/O."""
