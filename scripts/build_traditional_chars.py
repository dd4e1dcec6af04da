"""Build ``policy_extract/data/zh/traditional_chars.json`` from OpenCC's character table.

The normalised view (``text/normalize.py``) reads traditional characters as simplified ones,
one character for one, so that every rule written for simplified text reads a traditional
text (the 1954 work report, Hong Kong and Taiwan releases) with its offsets unchanged.

    pip download --no-deps opencc-python-reimplemented==0.1.7 -d /tmp/occ
    unzip -o /tmp/occ/opencc_python_reimplemented-0.1.7-py2.py3-none-any.whl -d /tmp/occ
    python3 scripts/build_traditional_chars.py /tmp/occ/opencc/dictionary/TSCharacters.txt

OpenCC's dictionaries are Apache-2.0 (https://github.com/BYVoid/OpenCC).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "policy_extract" / "data" / "zh" / "traditional_chars.json"


# simplified text writes these only in names (於 a surname, 幺麽): in traditional text they are
# everywhere (由於, 對於, 等於; 什麽), so they are read as simplified all the same
ALWAYS = {"於": "于", "麽": "么"}


def table(lines) -> dict[str, str]:
    """Traditional → simplified, one character for one. A character that is also one of its
    own simplified forms (乾 干/乾, 覆 覆/复, 於 于/於) is left alone: simplified text uses it
    as it is (覆盖, 乾隆), and changing it would alter the reading of simplified pages."""
    out = {}
    for line in lines:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        src, targets = line.split("\t")
        cands = targets.split(" ")
        if len(src) != 1 or src in cands or len(cands[0]) != 1:
            continue
        out[src] = cands[0]
    return {**out, **ALWAYS}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    m = table(Path(argv[1]).read_text(encoding="utf-8").splitlines())
    doc = {"description": "Traditional -> simplified, one character for one, read by the "
                          "normalised view (text/normalize.py). From OpenCC's TSCharacters.txt "
                          "(Apache-2.0, https://github.com/BYVoid/OpenCC) via "
                          "opencc-python-reimplemented 0.1.7; built by "
                          "scripts/build_traditional_chars.py.",
           "map": dict(sorted(m.items()))}
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(m)} characters -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
