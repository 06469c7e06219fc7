"""The journey format: reading YAML with positions and limits, the model, its checks and schema.

Everything here is pure: bytes in, a validated `Journey` or diagnostics out. Nothing in this
layer imports the renderers, health checks, importers or the command line.
"""
