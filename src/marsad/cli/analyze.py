"""`marsad analyze`: placeholder registration, filled in by the foundation work."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def version() -> None:
        """Print marsad's version."""
        from importlib.metadata import version as _v

        typer.echo(_v("marsad"))
