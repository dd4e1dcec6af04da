"""The command line as a package (policy_extract/cli/): commands assembled in order, and
`compare` outside a checkout (no benchmarks/peers.py) says how to run the benchmark."""

from __future__ import annotations

from policy_extract.cli import COMMANDS, build_parser, compare, main


def test_every_command_module_registers_its_command_in_the_help_order():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert list(sub.choices) == ["extract", "evaluate", "batch", "bench", "train",
                                 "merge-policies", "train-status", "render", "compare", "rules",
                                 "track"]
    assert all(callable(m.register) for m in COMMANDS)


def test_compare_without_the_benchmark_is_a_coded_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(compare, "PEERS_FILE", tmp_path / "benchmarks" / "peers.py")
    assert main(["compare", "--gold", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policy-extract: E030 ") and "python benchmarks/peers.py" in err
