"""The command line: parse arguments, call the core, render. Nothing else lives here."""

from reciprocity_cli.cli.app import app, main

__all__ = ["app", "main"]
