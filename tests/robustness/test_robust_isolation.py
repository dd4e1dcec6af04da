"""No network, no pickle, data only from the package or a path the user names; deterministic output.

* extraction runs with every socket call patched to fail;
* the package source never unpickles (``pickle``/``marshal``/``torch.load``/``joblib``);
  jieba's own dictionary cache is jieba's, read from its install or temp dir;
* a bare data-file name resolves inside the package, a path only when the user gives it;
* the same inputs give byte-identical JSON in two processes with different ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import make_corpus
from robust_util import assert_sound

PKG = Path(__file__).resolve().parents[2] / "policy_extract"
HERE = Path(__file__).resolve().parent


def test_extraction_with_network_disabled(monkeypatch, seed_texts):
    import policy_extract

    def refuse(*a, **k):
        raise OSError("network disabled by test_robust_isolation")

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse, raising=False)
    # a fresh pipeline is built too: loading must not reach the network either
    policy_extract.pipeline._CACHE.clear()
    nlp = policy_extract.load("rules")
    for raw in [*seed_texts.values(), make_corpus.text_cases(2_000)["html_page"]]:
        assert_sound(nlp(raw, date="2026-02-24"), raw)


def test_package_never_unpickles():
    # dumping (batch.py checks an exception can cross to its own workers) is fine; loading is not
    bad = ("pickle.load", "Unpickler", "marshal.load", "torch.load", "joblib.load", "dill.load",
           "shelve.open", "allow_pickle=True", "from pickle import load")
    hits = []
    for p in PKG.rglob("*.py"):
        src = p.read_text(encoding="utf-8")
        hits += [f"{p.relative_to(PKG)}: {b}" for b in bad if b in src]
    assert hits == []


def test_data_files_resolve_in_the_package_or_a_named_path(tmp_path, monkeypatch):
    from policy_extract.errors import RuleFileError
    from policy_extract.rules.loader import _resolve, data_path

    assert _resolve("layout.json") == data_path("layout.json")
    assert PKG in data_path("layout.json").parents
    # a same-named file in the working directory is never picked up silently
    monkeypatch.chdir(tmp_path)
    (tmp_path / "layout.json").write_text("{}", encoding="utf-8")
    assert _resolve("layout.json") == data_path("layout.json")
    user = tmp_path / "mine.json"
    user.write_text("[]", encoding="utf-8")
    assert _resolve(user) == user  # a path the user names
    with pytest.raises(RuleFileError, match="E007"):
        _resolve("no_such_rules.json")


def test_bad_user_rule_file_is_refused_with_its_name(tmp_path):
    from policy_extract.errors import RuleFileError
    from policy_extract.rules.loader import load_json

    p = tmp_path / "broken.json"
    p.write_text("{not json", encoding="utf-8")
    with pytest.raises(RuleFileError, match="E008.*broken.json"):
        load_json(p)


DETERMINISM = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
import make_corpus, policy_extract
nlp = policy_extract.load("rules")
texts = [open(p, encoding="utf-8").read() for p in sys.argv[2:]]
cases = make_corpus.text_cases(3_000)
texts += [cases[k] for k in sorted(cases)]
out = [nlp(t, date="2026-02-24", explain=True).to_dict(explain=True) for t in texts]
sys.stdout.write(json.dumps(out, ensure_ascii=True))
'''


def test_byte_identical_json_across_processes_and_hash_seeds():
    from conftest import SEED_IDS, SEEDS

    seeds = [str(SEEDS / f"{sid}.txt") for sid in SEED_IDS]
    outs = []
    for seed in ("1", "4242"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed}
        r = subprocess.run([sys.executable, "-c", DETERMINISM, str(HERE), *seeds],
                           capture_output=True, env=env, timeout=300)
        assert r.returncode == 0, r.stderr.decode()[-2000:]
        outs.append(r.stdout)
    assert outs[0] == outs[1]
    assert len(json.loads(outs[0])) > 10
