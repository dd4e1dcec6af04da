"""The rule registry: every data file is registered, and a broken copy of any of them fails
`rules validate` naming the file (issue 16: a status-cue file with an unknown key or a bad
regex used to report "0 with problems")."""

from __future__ import annotations

import json
import shutil

import pytest

from policy_extract.rules import loader
from policy_extract.rules.registry import REGISTRY, clear_caches, data_files, validate

FILES = data_files()


@pytest.fixture
def data_copy(tmp_path):
    src = loader.data_path("lexicon.txt").parent
    dst = tmp_path / "zh"
    shutil.copytree(src, dst)
    yield dst
    loader.use_data_dir(None)
    clear_caches()


def test_every_packaged_data_file_is_registered():
    assert FILES and set(FILES) <= set(REGISTRY), sorted(set(FILES) - set(REGISTRY))


def test_the_packaged_files_validate():
    rows = validate()
    assert len(rows) == len(FILES) and all(s == "ok" for _, s, _ in rows), \
        [r for r in rows if r[1] != "ok"]


def _break_key(path):
    if path.suffix == ".txt":
        path.write_text(path.read_text(encoding="utf-8") + "坏词 notanumber x y\n", encoding="utf-8")
        return
    d = json.loads(path.read_text(encoding="utf-8"))
    d["colour_not_a_key"] = 1
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")


def _first_pattern(obj):
    """The first dict holding a regex-looking string key in a data file, depth first."""
    if isinstance(obj, dict):
        for k in ("pattern", "span", "left", "right"):
            if isinstance(obj.get(k), str):
                return obj, k
        for v in obj.values():
            hit = _first_pattern(v)
            if hit:
                return hit
    elif isinstance(obj, list):
        for v in obj:
            hit = _first_pattern(v)
            if hit:
                return hit
    return None


@pytest.mark.parametrize("name", FILES)
def test_a_broken_copy_fails_naming_the_file(data_copy, name):
    _break_key(data_copy / name)
    loader.use_data_dir(data_copy)
    rows = {f: (s, d) for f, s, d in validate()}
    status, detail = rows[name]
    assert status == "error" and name in detail, (name, detail)
    # another file fails only through the broken one (a loader reading both names it)
    assert all(s == "ok" or name in d for f, (s, d) in rows.items() if f != name)


REGEX_FILES = [n for n in FILES if n.endswith(".json") and
               _first_pattern(json.loads(loader.data_path(n).read_text(encoding="utf-8")))]


@pytest.mark.parametrize("name", REGEX_FILES)
def test_a_regex_that_does_not_compile_fails_naming_file_and_rule(data_copy, name):
    path = data_copy / name
    d = json.loads(path.read_text(encoding="utf-8"))
    holder, key = _first_pattern(d)
    holder[key] = "(unclosed"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    loader.use_data_dir(data_copy)
    rows = {f: (s, d) for f, s, d in validate()}
    status, detail = rows[name]
    assert status == "error" and name in detail, (name, detail)
