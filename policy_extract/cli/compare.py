"""``policy-extract compare``: the peers benchmark (other extractors beside ours on one gold).

The benchmark is tooling of the repository, not of the library: it lives in
``benchmarks/peers.py``, outside the wheel, so this command works in a checkout and says
how to run it (E030) where the package was installed without one.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from .common import EXIT_INPUT, EXIT_OK, MODES, say

PEERS_MODULE = "benchmarks.peers"
PEERS_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "peers.py"


def register(sub) -> None:
    p = sub.add_parser("compare", help="peers (Recognizers-Text, JioNLP, jieba POS) and ours "
                                       "side by side on the same gold")
    p.add_argument("--gold", required=True, help="directory of gold JSON files")
    p.add_argument("--raw", action="append", help="directory of raw texts (repeatable)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--repeat", type=int, default=3, help="timing runs per extractor (default 3)")
    p.add_argument("--mode", default="rules", choices=MODES,
                   help="our pipeline's entity mode (default rules)")
    p.set_defaults(func=cmd_compare)


def peers_module(path: Path | None = None) -> ModuleType | None:
    """The peers benchmark of the checkout this package runs from (``benchmarks/peers.py``),
    or None when there is none (an installed wheel).

    >>> peers_module(Path("/nowhere/benchmarks/peers.py")) is None
    True
    """
    path = PEERS_FILE if path is None else path
    if not path.is_file():
        return None
    mod = sys.modules.get(PEERS_MODULE)
    if mod is not None and Path(getattr(mod, "__file__", "") or "").resolve() == path.resolve():
        return mod  # already imported (tests put the checkout on sys.path)
    # by its path: `benchmarks` is a folder of the repository, not an installed package
    spec = importlib.util.spec_from_file_location(PEERS_MODULE, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[PEERS_MODULE] = mod  # its dataclasses look their module up there
    try:
        spec.loader.exec_module(mod)
    except BaseException:
        del sys.modules[PEERS_MODULE]
        raise
    return mod


def cmd_compare(args) -> int:
    from ..errors import Errors, InputError

    peers = peers_module()
    if peers is None:
        say(Errors.E030)
        return EXIT_INPUT
    try:
        res = peers.compare(args.gold, args.raw, repeat=max(1, args.repeat), mode=args.mode)
    except (FileNotFoundError, InputError) as err:
        say(err)
        return EXIT_INPUT
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        print(peers.format_table(res))
    return EXIT_OK
