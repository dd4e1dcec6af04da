"""Every message the library raises or warns, with a code and the fix.

Raise on configuration and rule-file errors; warn and fall back when a run can
go on. Codes are stable so users can grep logs and filter warnings.
"""

from __future__ import annotations


class PolicyExtractError(Exception):
    """Base class for the library's own errors."""


class RuleFileError(PolicyExtractError, ValueError):
    """A data file under ``policy_extract/data`` (or a user rule file) is invalid."""


class InputError(PolicyExtractError, ValueError):
    """An input document cannot be read (encoding, missing file, binary content)."""


class ModelError(PolicyExtractError, RuntimeError):
    """A trained pipeline is missing or cannot be loaded."""


class Errors:
    E001 = "E001 extract() takes a str, got {type}. Decode bytes first (or use extract_file())."
    E002 = "E002 {file}: rule {index} ({rule_id}): unknown key(s) {keys}; allowed: {allowed}."
    E003 = "E003 {file}: rule {index} ({rule_id}): missing key(s) {keys}."
    E004 = "E004 {file}: rule {index} ({rule_id}): bad regex in {key!r}: {error}."
    E005 = "E005 {file}: duplicate rule id {rule_id!r} (rules {first} and {index})."
    E006 = "E006 {file}: rule {index} ({rule_id}): {key!r} must be {expected}, got {value!r}."
    E007 = "E007 data file {file!r} not found in the package or at the given path."
    E008 = "E008 {file}: not valid JSON: {error}."
    E009 = "E009 {path}: no such file."
    E010 = "E010 {path}: is a directory, not a text file."
    E011 = "E011 {path}: binary content (NUL bytes), not a text file."
    E012 = "E012 {path}: neither UTF-8 nor GB18030; re-encode it as UTF-8."
    E013 = ("E013 unknown model {model!r}: use 'rules', 'model', 'combined' or the path of a "
            "trained pipeline directory.")
    E014 = ("E014 no trained entity model at {path}. Build it with `policy-extract train` "
            "(see README) or load(model='rules').")
    E015 = "E015 date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD."
    E018 = "E018 {path}: {problem}; give a folder of gold files (GUIDELINES §4), e.g. corpora/gold."
    E016 = "E016 {path}: HTML page; tags were stripped with offsets kept (pass --no-html to refuse)."
    E017 = "E017 {path}: HTML page refused (--no-html); save the page as text or drop --no-html."
    E019 = ("E019 {first} and {second} would both be written to {out}; rename one, or extract "
            "them into separate --out folders.")
    E020 = "E020 {path}: {kind}, not a regular file; only regular files are read."
    E021 = ("E021 {path}: {size:,} bytes, over the {limit:,}-byte cap; split the file or raise "
            "the cap (--max-mb).")
    E022 = "E022 {path}: symbolic link loop; point the link at a file."
    E023 = ("E023 {path}: UTF-16 without BOM? re-encode it as UTF-8 "
            "(e.g. iconv -f UTF-16LE -t UTF-8).")
    E024 = "E024 {path}: a PDF file; extract its text first (e.g. pdftotext -enc UTF-8)."
    E025 = "E025 {path}: cannot read: {error}."
    E026 = ("E026 {path}: cannot write: {error}; make room or choose a writable place, then "
            "rerun (what was written is kept).")
    E027 = "E027 {path}: --out must be a folder for extract, and this is a file."
    E028 = "E028 not a GUIDELINES §4 document: {error}."
    E029 = "E029 {value!r} is not a size in MB above 0."
    E030 = ("E030 `policy-extract compare` runs the peers benchmark, which lives in the "
            "repository, not in the installed package: in a checkout, run "
            "`python benchmarks/peers.py --gold DIR` (or `policy-extract compare` there).")
    E031 = ("E031 {what} names a trained model, which mode 'rules' does not use; give "
            "mode 'combined' (or leave the mode out).")
    # E040-E049: entity rule files (components/entity_ruler.py)
    E040 = "E040 {file}: rule {index} ({rule_id}): {what} {value!r} is already given by {other!r}; give it once."
    # E080-E089: batch extraction (policy_extract.batch)
    E080 = ("E080 {path}: not a batch input; give a folder of .txt files, a .jsonl file "
            "(id, text, optional date, source), a dataset saved with save_to_disk, or Parquet.")
    E081 = "E081 {where}: not a record with a string 'text' ({problem})."
    E082 = ("E082 duplicate document id {doc_id!r} (first seen at record {first}); this record "
            "was not extracted. Give every record its own id.")
    E083 = ("E083 the worker process died while extracting this document (out of memory or a "
            "crash in native code); the batch went on.")
    E084 = "E084 {path}: --out must not be the input itself."
    E085 = ("E085 the result holds a lone surrogate ({char}), which UTF-8 cannot write, so only "
            "this error was recorded; repair the input text (an escaped \\ud800-\\udfff in JSON).")
    E086 = ("E086 {path}: already being written by another batch (pid {pid}; lock {lock}); wait "
            "for it to finish or choose another --out.")
    E087 = "E087 {path}: --out is {kind}; batch writes one regular JSONL file (e.g. out.jsonl)."


class Warnings:
    W001 = "W001 {path}: not UTF-8; decoded as GB18030."
    W002 = "W002 {path}: UTF-8 byte-order mark kept as character 0 (offsets count it)."
    W003 = "W003 no trained model found at {path}; falling back to model='rules'."
    W004 = "W004 announced count {announced} for {what!r} but found {found}."
    W005 = "W005 {path}: UTF-16 (byte-order mark); decoded, the mark kept as character 0."
    W006 = "W006 {path}: not UTF-8; decoded as Big5 (traditional characters)."
    W082 = ("W082 {path} has no `if __name__ == \"__main__\":` guard, and spawned worker "
            "processes re-run a script on start: running in this one process instead. Put the "
            "call under such a guard to use {n} processes.")
    W080 = "W080 {path}: last line truncated by an interrupted run; that document is redone."
    W081 = ("W081 {path}: {n} unreadable or duplicate line(s) before the end were dropped; "
            "those documents are redone.")
