"""Command-line adapter: the ``policyqa`` typer app."""
