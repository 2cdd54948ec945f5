"""The emulated services: one package each (definition, handlers, rule modules), the registry
that lists them, and the toolkit of rules they share."""
