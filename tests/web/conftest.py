import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))  # the hand-written records of tests/api

from fixtures import client, sample_store  # noqa: F401 - fixtures for this folder
