"""A worker's peak memory is its own: not the peak of the large process that started it."""

from __future__ import annotations

import multiprocessing as mp
import sys

import pytest

from marsad.scale.pool import peak_rss_mib


def test_peak_rss_grows_with_what_this_process_holds() -> None:
    before = peak_rss_mib()
    block = bytearray(64 * 1024 * 1024)
    block[::4096] = b"\x01" * len(block[::4096])  # touch every page so it is resident
    assert peak_rss_mib() >= before + 48
    del block


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="VmHWM is Linux's")
def test_spawned_worker_does_not_report_its_parents_peak() -> None:
    block = bytearray(256 * 1024 * 1024)
    block[::4096] = b"\x01" * len(block[::4096])
    parent = peak_rss_mib()
    with mp.get_context("spawn").Pool(1) as pool:
        child = pool.apply(peak_rss_mib)
    del block
    assert parent >= 256
    assert child < parent - 128, (child, parent)
