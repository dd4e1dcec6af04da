"""The one loader for rule and lexicon files under ``policy_extract/data``.

Files are JSON. A rule list is validated at load time: unknown keys, missing
keys, wrong types, regexes that do not compile and duplicate ids fail with a
:class:`RuleFileError` naming the file and the rule.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import regex

from ..errors import Errors, RuleFileError

DATA_PACKAGE = "policy_extract.data"
LANG = "zh"
# a folder that replaces the packaged data/zh (every file in it): a user's own rule set,
# or a test's broken copy; set it with :func:`use_data_dir`
_DATA_DIR: Path | None = None


def data_path(name: str) -> Path:
    """Path of a data file, e.g. ``data_path("units.json")`` (the packaged one by default)."""
    if _DATA_DIR is not None:
        return _DATA_DIR / name
    p = resources.files(DATA_PACKAGE).joinpath(LANG, name)
    return Path(str(p))


def use_data_dir(path: str | Path | None) -> None:
    """Read every rule file from ``path`` instead of the package (None: the package again).

    Loaded rules are cached per process: call this before building a pipeline, or clear the
    caches (:func:`policy_extract.rules.registry.clear_caches`).
    """
    global _DATA_DIR
    _DATA_DIR = Path(path) if path is not None else None
    _load_json_cached.cache_clear()


def _resolve(name: str | Path) -> Path:
    s = str(name)
    is_user_path = isinstance(name, Path) or "/" in s or "\\" in s
    path = Path(s) if is_user_path else data_path(s)
    if not path.is_file():
        raise RuleFileError(Errors.E007.format(file=str(name)))
    return path


@lru_cache(maxsize=64)
def _load_json_cached(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as err:
        raise RuleFileError(Errors.E008.format(file=path, error=err)) from None


def load_json(name: str | Path) -> Any:
    """Parsed content of a data file (packaged name or a user path). Cached; do not mutate."""
    return _load_json_cached(str(_resolve(name)))


def load_lines(name: str | Path) -> list[str]:
    """Non-empty, non-comment lines of a text data file."""
    path = _resolve(name)
    with open(path, encoding="utf-8") as fh:
        return [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]


def read_lexicon(name: str | Path = "lexicon.txt") -> list[tuple[str, int | None, str | None]]:
    r"""``(word, freq, tag)`` per line of a jieba user dictionary (``word [freq] [tag]``).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "lex.txt")
    >>> _ = open(p, "w", encoding="utf-8").write("# c\n湘江科学城 500 nz\n长株潭\n")
    >>> read_lexicon(p)
    [('湘江科学城', 500, 'nz'), ('长株潭', None, None)]
    """
    out: list[tuple[str, int | None, str | None]] = []
    for i, line in enumerate(load_lines(name)):
        parts = line.split()
        if len(parts) > 3 or (len(parts) > 1 and not parts[1].isdigit()):
            raise RuleFileError(Errors.E006.format(
                file=str(name), index=i, rule_id=parts[0], key="line",
                expected="'word [frequency] [tag]'", value=line))
        out.append((parts[0], int(parts[1]) if len(parts) > 1 else None,
                    parts[2] if len(parts) > 2 else None))
    return out


def compile_regex(pattern: str, *, file: str, index: int, rule_id: str, key: str) -> regex.Pattern:
    try:
        return regex.compile(pattern, regex.V1)
    except regex.error as err:
        raise RuleFileError(
            Errors.E004.format(file=file, index=index, rule_id=rule_id, key=key, error=err)
        ) from None


def _check_rule(rule: Any, file: str, i: int, rid: str, req: list[str], allowed: set[str],
                choices: Mapping[str, set], types: Mapping[str, Any]) -> None:
    """One rule's shape: an object, known keys, required keys, allowed values and types."""
    if not isinstance(rule, Mapping):
        raise RuleFileError(Errors.E006.format(file=file, index=i, rule_id=rid, key="rule",
                                               expected="an object", value=rule))
    unknown = sorted(set(rule) - allowed)
    if unknown:
        raise RuleFileError(
            Errors.E002.format(file=file, index=i, rule_id=rid, keys=unknown,
                               allowed=sorted(allowed - {"comment", "example", "examples"})))
    missing = [k for k in req if k not in rule]
    if missing:
        raise RuleFileError(Errors.E003.format(file=file, index=i, rule_id=rid, keys=missing))
    for k, allowed_values in choices.items():
        if k in rule and rule[k] not in allowed_values:
            raise RuleFileError(
                Errors.E006.format(file=file, index=i, rule_id=rid, key=k,
                                   expected=f"one of {sorted(allowed_values)}", value=rule[k]))
    for k, t in types.items():
        if k in rule and not isinstance(rule[k], t):
            raise RuleFileError(
                Errors.E006.format(file=file, index=i, rule_id=rid, key=k,
                                   expected=getattr(t, "__name__", str(t)), value=rule[k]))


def validate_rules(
    rules: Iterable[Mapping[str, Any]],
    *,
    file: str,
    required: Iterable[str],
    optional: Iterable[str] = (),
    regex_keys: Iterable[str] = (),
    choices: Mapping[str, Iterable[str]] | None = None,
    types: Mapping[str, type | tuple[type, ...]] | None = None,
    id_key: str = "id",
) -> list[dict[str, Any]]:
    """Check a list of rule dicts; return copies with ``regex_keys`` compiled under ``_re_<key>``.

    >>> validate_rules([{"id": "a", "pattern": "x+"}], file="t.json", required=["id", "pattern"],
    ...                regex_keys=["pattern"])[0]["_re_pattern"].pattern
    'x+'
    >>> validate_rules([{"id": "a", "colour": 1}], file="t.json", required=["id"])
    Traceback (most recent call last):
    ...
    policy_extract.errors.RuleFileError: E002 t.json: rule 0 (a): unknown key(s) ['colour']; allowed: ['id'].
    """
    req = list(required)
    allowed = set(req) | set(optional) | {"comment", "example", "examples"}
    choices = {k: set(v) for k, v in (choices or {}).items()}
    types = dict(types or {})
    seen: dict[str, int] = {}
    out = []
    for i, rule in enumerate(rules):
        rid = str(rule.get(id_key, f"#{i}")) if isinstance(rule, Mapping) else f"#{i}"
        _check_rule(rule, file, i, rid, req, allowed, choices, types)
        if id_key in rule:
            if rid in seen:
                raise RuleFileError(
                    Errors.E005.format(file=file, rule_id=rid, first=seen[rid], index=i)
                )
            seen[rid] = i
        r = dict(rule)
        for k in regex_keys:
            if k in r and r[k] is not None:
                r["_re_" + k] = compile_regex(r[k], file=file, index=i, rule_id=rid, key=k)
        out.append(r)
    return out


def check_keys(obj: Mapping[str, Any], *, file: str, required: Iterable[str],
               optional: Iterable[str] = ()) -> None:
    """Top-level key check for a table-shaped data file."""
    req = list(required)
    allowed = set(req) | set(optional) | {"description", "comment"}
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise RuleFileError(
            Errors.E002.format(file=file, index="-", rule_id="top level", keys=unknown,
                               allowed=sorted(allowed))
        )
    missing = [k for k in req if k not in obj]
    if missing:
        raise RuleFileError(Errors.E003.format(file=file, index="-", rule_id="top level",
                                               keys=missing))
