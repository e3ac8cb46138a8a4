"""The ``policyqa`` command line (typer): one clear error line and a non-zero exit on failure."""

from __future__ import annotations

import typer

cli = typer.Typer(add_completion=False, no_args_is_help=True, help="Offline Q&A over Chinese policy documents.")


def main() -> None:
    """Console-script entry point."""
    cli()
