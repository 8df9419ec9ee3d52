"""The built-in sources, in the order :func:`marsad.ingest.base.open_source` tries them."""

from __future__ import annotations

from marsad.ingest.base import Source

__all__ = ["builtin_sources"]


def builtin_sources() -> dict[str, type[Source]]:
    """kind → class for every source marsad ships (tried in this order when no ``kind:`` is given)."""
    from marsad.ingest.feeds import FeedSource, PageSource, UrlListSource
    from marsad.ingest.files import DirectorySource, FileSource

    classes: list[type[Source]] = [FeedSource, PageSource, UrlListSource, DirectorySource, FileSource]
    return {cls.kind: cls for cls in classes}
