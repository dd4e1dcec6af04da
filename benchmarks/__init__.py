"""Benchmarks of the repository (tooling, not library): outside the wheel, which packages
``policy_extract*`` only. ``peers.py`` compares other extractors with ours; ``ner_folds/`` holds
the fold models cross-validated figures are computed with."""
