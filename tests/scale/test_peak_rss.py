"""A worker's peak memory is its own: not the peak of the large process that started it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from marsad.scale.pool import peak_rss_mib

_CHILD = """
from marsad.scale.pool import peak_rss_mib
block = bytearray({mib} * 1024 * 1024)
block[::4096] = b"\\x01" * len(block[::4096])  # touch every page so that it is resident
print(peak_rss_mib())
"""


def _child_peak(mib: int) -> float:
    out = subprocess.run([sys.executable, "-c", _CHILD.format(mib=mib)], capture_output=True, text=True, check=True)
    return float(out.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM is Linux's")
def test_a_child_reports_its_own_peak_not_its_parents() -> None:
    block = bytearray(256 * 1024 * 1024)
    block[::4096] = b"\x01" * len(block[::4096])
    parent = peak_rss_mib()
    small, large = _child_peak(0), _child_peak(192)
    del block
    assert parent >= 256
    assert small < parent - 128, (small, parent)  # ru_maxrss would report the parent's peak here
    assert large >= small + 160, (small, large)
