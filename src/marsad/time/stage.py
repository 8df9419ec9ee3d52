"""``time.expressions.v1``: time expressions resolved against the publication date → "timexes"."""

from __future__ import annotations

from marsad.article import Article
from marsad.config import Settings
from marsad.errors import Diagnostic
from marsad.knowledge import Knowledge
from marsad.layers import TIMEXES
from marsad.stages import StageFn, StageSpec

__all__ = ["TIME_EXPRESSIONS"]


def _timexes(_settings: Settings, _knowledge: Knowledge) -> StageFn:
    # start-up time: the KB, gazetteer and time modules, when the stage is built
    from marsad.time import find_time_expressions

    def run(article: Article) -> Article:
        times = find_time_expressions(article.text, article.meta.published)
        diags = [Diagnostic("W011", f"time expression {t.text!r} could not be resolved"
                            + ("" if article.meta.published else " (no publication date)"),
                            "info", "time.expressions.v1", t.start, t.end)
                 for t in times if t.value is None]  # fmt: skip
        return article.with_layer(TIMEXES, times).with_diagnostics(*diags)

    return run


TIME_EXPRESSIONS = StageSpec("time.expressions.v1", requires=(), assigns=("timexes",), factory=_timexes)
