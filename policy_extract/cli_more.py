"""Further subcommands (batch, bench, train, render, compare) register here, one function each."""

from __future__ import annotations


def register(sub) -> None:
    """Add the optional subcommands to the ``policy-extract`` parser."""
    return None
