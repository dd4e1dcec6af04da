"""Further subcommands, each owned by its module through ``register_cli(subparsers)``.

A module listed here that is not importable (an optional extra missing) is skipped,
so the core CLI always works.
"""

from __future__ import annotations

import importlib
import logging

SUBCOMMAND_MODULES = (
    "policy_extract.batch",        # batch
    "policy_extract.bench",        # bench
    "policy_extract.model.train",  # train
    "policy_extract.model.status_train",  # train-status
    "policy_extract.render_html",  # render
    "policy_extract.peers",        # compare
    "policy_extract.rules.cli",    # rules validate | build-userdict
    "policy_extract.track.cli",    # track
)


def register(sub) -> None:
    """Add every available module's subcommands to the ``policy-extract`` parser."""
    for name in SUBCOMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name and (err.name == name or name.startswith(err.name + ".")):
                continue  # not written yet / not installed
            logging.getLogger("policy_extract").debug("cli: %s unavailable: %s", name, err)
            continue
        reg = getattr(mod, "register_cli", None)
        if reg is not None:
            reg(sub)
