"""One command for marsad's benchmarks: ``python benchmarks/run.py [-n 500]``.

Prints articles/s, tokens/s and peak memory of the whole pipeline on SaudiNewsNet articles,
beside spaCy's blank Arabic tokenizer measured on the same texts in the same run.
"""

from __future__ import annotations

import sys

from marsad.cli import app, main

if __name__ == "__main__":
    sys.argv = ["marsad", "bench", *sys.argv[1:]]
    _ = app
    main()
