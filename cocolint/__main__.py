"""Entry point for `python -m cocolint`."""

from cocolint.cli import run

run()
