"""A report as HTML (Jinja2, autoescaped, self-contained: fonts and figures inline), PDF (WeasyPrint lays out
the HTML; pango shapes the Arabic) or Markdown (figures written beside it as SVG files)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from marsad.datafiles import read_tsv
from marsad.report import charts
from marsad.report.figures import ReportData
from marsad.report.period import REGIONS, ReportError
from marsad.web.i18n import COUNTRIES, country_name, type_name

__all__ = ["FORMATS", "Rendered", "render", "render_html", "render_markdown", "render_pdf", "strings"]

Format = Literal["html", "pdf", "md"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "md")
_ARABIC_RANGE = "U+0600-06FF, U+0750-077F, U+0870-08FF, U+200C-200E, U+FB50-FDFF, U+FE70-FEFC"
_LATIN_RANGE = "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC, U+2212"


@cache
def strings(lang: str) -> dict[str, str]:
    if lang not in ("ar", "en"):
        raise ReportError(f"unknown language {lang!r}: ar or en")
    return {r["key"]: r[lang] for r in read_tsv("marsad.report", "data/strings.tsv")}


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered report: the main file's bytes and, for Markdown, the figures it links (name → bytes)."""

    content: bytes
    media_type: str
    attachments: dict[str, bytes]


def scope_name(data: ReportData) -> str:
    t, lang = strings(data.lang), data.lang
    if data.scope.whole_store:
        return t["scope_all"]
    if data.scope.key in REGIONS:
        return t[f"scope_{data.scope.key}"]
    return country_name(data.scope.key, lang)  # type: ignore[arg-type]


def _delta(now: int, then: int) -> tuple[str, str]:
    diff = now - then
    return (f"{diff:+d}" if diff else "0"), ("up" if diff > 0 else "down" if diff < 0 else "")


def _figure_rows(data: ReportData) -> list[dict[str, Any]]:
    t, now, then = strings(data.lang), data.current, data.previous
    keys = ("events", "arrest_events", "arrested", "seizures", "fatalities")
    rows = []
    for key in keys:
        a, b = getattr(now, key), getattr(then, key)
        delta, trend = _delta(a, b)
        rows.append({"key": key, "label": t[key], "now": a, "then": b, "delta": delta, "trend": trend})
    return rows


def _type_rows(data: ReportData) -> list[dict[str, Any]]:
    now, then = data.current.by_type, data.previous.by_type
    codes = sorted(set(now) | set(then), key=lambda c: (-now.get(c, 0), -then.get(c, 0), c))
    rows = []
    for code in codes:
        delta, trend = _delta(now.get(code, 0), then.get(code, 0))
        rows.append({"code": code, "label": type_name(code, data.lang),  # type: ignore[arg-type]
                     "now": now.get(code, 0), "then": then.get(code, 0), "delta": delta, "trend": trend})  # fmt: skip
    return rows


def _place(event: Any, lang: str) -> str:
    name = (event.place_name_ar if lang == "ar" else event.place_name) or event.place_name or event.place_name_ar
    country = country_name(event.country, lang) if event.country else ""  # type: ignore[arg-type]
    if name and country and name != country:
        return f"{name} ({country})"
    return name or country or strings(lang)["none"]


def _focus(data: ReportData) -> list[str]:
    return [COUNTRIES[c][1] for c in data.scope.countries if c in COUNTRIES]


def _uri(data: bytes) -> str:
    kind = "image/png" if data.startswith(b"\x89PNG") else "image/svg+xml"
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")


@cache
def _font_faces() -> tuple[dict[str, str], ...]:
    faces = []
    for name in charts.FONT_FILES:
        data = (charts.fonts_dir() / name).read_bytes()
        arabic = "-arabic-" in name.removeprefix("noto-sans-arabic")
        # one family per subset: WeasyPrint mixes up the glyphs of two subsets of one family and weight
        family = f"Marsad {'Arabic' if arabic else 'Latin'}"
        faces.append({"weight": "700" if "-700-" in name else "400", "family": family,
                      "range": _ARABIC_RANGE if arabic else _LATIN_RANGE,
                      "url": "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")})  # fmt: skip
    return tuple(faces)


def context(data: ReportData, figures: dict[str, str]) -> dict[str, Any]:
    """What the HTML template shows; ``figures`` holds the map and timeline as image URIs."""
    t, lang = strings(data.lang), data.lang
    undated = data.corpus.get("undated", 0)
    methods = t["methods_text"].format(articles=data.corpus.get("articles", 0), events=data.corpus.get("events", 0),
                                       backend=data.corpus.get("backend", ""), undated=undated,
                                       floor=f"{data.min_confidence:.2f}")  # fmt: skip
    top = [{"description": item.description, "place": _place(item.event, lang), "day": item.day or "",
            "sources": ", ".join(item.sources), "evidence": item.evidence} for item in data.top]  # fmt: skip
    relations = [{"pair": f"{country_name(m.a, lang)} – {country_name(m.b, lang)}",  # type: ignore[arg-type]
                  "index": f"{m.index:+.2f}", "previous": "—" if m.previous is None else f"{m.previous:+.2f}",
                  "direction": m.direction, "direction_label": t[m.direction], "statements": m.statements}
                 for m in data.relations]  # fmt: skip
    return {"lang": lang, "t": t, "scope_name": scope_name(data), "period": data.period.label(),
            "previous": data.period.previous().label(), "start": data.period.start, "until": data.period.until,
            "figures": _figure_rows(data), "by_type": _type_rows(data), "top": top, "speakers": data.speakers,
            "relations": relations, "methods": methods, "fonts": _font_faces(), "legend": _legend(data),
            **figures}  # fmt: skip


def chart_files(data: ReportData) -> dict[str, bytes]:
    """The figures by name: ``map`` (PNG) and ``timeline`` (SVG)."""
    return {"map": charts.map_png(data.events, _focus(data)),
            "timeline": charts.timeline_svg(data.events, data.period).encode("utf-8")}  # fmt: skip


def _suffix(data: bytes) -> str:
    return "png" if data.startswith(b"\x89PNG") else "svg"


def _legend(data: ReportData) -> list[dict[str, str]]:
    return [{"label": type_name(name, data.lang) if name != "…" else name, "color": color}  # type: ignore[arg-type]
            for name, _members, color in charts.timeline_series(data.events)]  # fmt: skip


def ltr(value: object) -> str:
    """``value`` as a left-to-right isolate (LRI … PDI): dates, weeks and codes keep their order in Arabic text
    (WeasyPrint does not apply CSS ``unicode-bidi: isolate``; pango honours the Unicode isolates)."""
    return f"\u2066{value}\u2069"


@cache
def _template() -> Any:
    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("marsad.report", "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)  # fmt: skip
    env.filters["ltr"] = ltr
    return env.get_template("report.html")


def render_html(data: ReportData, figures: dict[str, bytes] | None = None) -> str:
    figures = figures or chart_files(data)
    return str(_template().render(**context(data, {f"{k}_uri": _uri(v) for k, v in figures.items()})))


def render_pdf(data: ReportData, figures: dict[str, bytes] | None = None) -> bytes:
    """The HTML laid out by WeasyPrint; no dates in the metadata and a fixed identifier, so the bytes repeat."""
    from weasyprint import HTML

    html = render_html(data, figures)
    ident = f"marsad-{data.scope.key}-{data.period.label()}-{data.lang}".encode()
    pdf = HTML(string=html, base_url=str(charts.fonts_dir())).write_pdf(pdf_identifier=ident, uncompressed_pdf=False)
    return bytes(pdf or b"")


def _md_escape(text: object) -> str:
    """Text from articles made inert in Markdown: no HTML, links, emphasis or table breaks."""
    out = str(text).replace("\\", "\\\\")
    for ch in "`*_[]<>|#!":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def render_markdown(data: ReportData, stem: str, figures: dict[str, bytes] | None = None) -> Rendered:
    """Markdown text; the map and timeline are written beside it as ``{stem}.map.png`` / ``{stem}.timeline.svg``."""
    figures = figures or chart_files(data)
    c = context(data, {})
    t, e = c["t"], _md_escape
    lines = [f"# {t['title']}: {e(c['scope_name'])}", "",
             f"{t['period']}: {c['period']} ({t['from']} {c['start']} {t['to']} {c['until']}) · {t['previous']}: "
             f"{c['previous']}", "",
             f"## {t['headline']}", "", f"| {t['figure']} | {c['period']} | {c['previous']} | {t['change']} |",
             "|---|---:|---:|---:|"]  # fmt: skip
    lines += [f"| {r['label']} | {r['now']} | {r['then']} | {r['delta']} |" for r in c["figures"]]
    lines += ["", f"## {t['by_type']}", ""]
    lines += [f"- {r['label']}: {r['now']} ({r['then']}, {r['delta']})" for r in c["by_type"]] or [t["no_events"]]
    lines += ["", f"## {t['map']}", "", f"![{t['map']}]({stem}.map.png)", "", f"## {t['timeline']}", "",
              f"![{t['timeline']}]({stem}.timeline.svg)", "", f"## {t['top']}", ""]  # fmt: skip
    for i, item in enumerate(c["top"], 1):
        lines += [f"{i}. **{e(item['description'])}**  ",
                  f"   {t['place']}: {e(item['place'])} · {t['date']}: {item['day']} · {t['sources']}: "
                  f"{e(item['sources'])}"]  # fmt: skip
        lines += [f"   > {e(text)}" for text in item["evidence"]]
    lines += ["", f"## {t['quotes']}", ""]
    for group in c["speakers"]:
        lines += [f"- **{e(group.speaker)}**"] + [f"  > {e(q.evidence_text)} ({e(q.source or q.article_id)}, "
                                                 f"{q.published})" for q in group.quotes]  # fmt: skip
    lines += ["", f"## {t['relations']}", ""]
    for m in c["relations"]:
        lines += [f"- **{e(m['pair'])}**: {t['index']} {m['index']} ({t['previous']}: {m['previous']}), "
                  f"{m['direction_label']}"]  # fmt: skip
        lines += [f"  > {e(r.evidence_text)} ({r.type} {r.polarity:+d}, {r.published})" for r in m["statements"]]
    lines += ["", f"## {t['methods']}", "", c["methods"], ""]
    files = {f"{stem}.{k}.{_suffix(v)}": v for k, v in figures.items()}
    return Rendered("\n".join(lines).encode("utf-8"), "text/markdown; charset=utf-8", files)


def render(data: ReportData, fmt: str, stem: str = "report") -> Rendered:
    """The report in ``fmt`` (html, pdf or md)."""
    renderers: dict[str, Callable[[], Rendered]] = {
        "html": lambda: Rendered(render_html(data).encode("utf-8"), "text/html; charset=utf-8", {}),
        "pdf": lambda: Rendered(render_pdf(data), "application/pdf", {}),
        "md": lambda: render_markdown(data, stem),
    }
    if fmt not in renderers:
        raise ReportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    return renderers[fmt]()
