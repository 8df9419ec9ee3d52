"""HTML extraction (hostile markup, bylines, bidi marks) and the Arabic / French / other script check."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.ingest.html import extract_html
from marsad.ingest.language import check_language, looks_french
from marsad.inputs import ArticleInput, InputFailure

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
_HOSTILE_MARKERS = (
    "<",
    ">",
    "script",
    "alert",
    "javascript",
    "onload",
    "onerror",
    "onclick",
    "iframe",
    "evil",
    "cookie",
    "نص مخفي",
    "تفعيل الجافاسكربت",
)
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_hostile_html_comes_out_as_plain_text() -> None:
    item = extract_html((PAGES / "hostile.html").read_bytes(), "hostile.html")
    assert isinstance(item, ArticleInput)
    assert "توقيف ثلاثة أشخاص يشتبه في انتمائهم إلى خلية إرهابية" in item.text
    assert "العملية جاءت بعد أسابيع من المراقبة" in item.text
    assert "أحيلوا إلى النيابة العامة" in item.text
    for marker in _HOSTILE_MARKERS:
        assert marker not in item.text, marker
    for field in (item.text, item.title or "", item.author or ""):
        assert not any(ch in field for ch in _BIDI)


@pytest.mark.parametrize("name", ["article1.html", "article2.html", "article3.html"])
def test_saved_news_pages_keep_the_article_and_drop_the_site(name: str) -> None:
    item = extract_html((PAGES / name).read_bytes(), name)
    assert isinstance(item, ArticleInput)
    assert item.author in {"وليد عبد الرحمن", "سامي الحربي", "نورة العتيبي"}
    assert item.title and "\u200f" not in item.title
    assert item.published == "2015-07-23"
    for chrome in ("الرئيسية", "الأكثر قراءة", "جميع الحقوق محفوظة", "شارك", "بقلم"):
        assert chrome not in item.text
    assert not item.text.startswith(item.title)  # the repeated headline is dropped from the body


def test_byline_in_the_body_becomes_the_author() -> None:
    page = (
        "<html><body><article><h1>اجتماع وزاري في الرباط</h1><p>\u200fكتب: سعيد بنعلي</p>"
        "<p>عقد وزراء داخلية دول المغرب العربي اجتماعا في الرباط لبحث التعاون الأمني على الحدود المشتركة "
        "ومكافحة شبكات التهريب.</p></article></body></html>"
    ).encode()
    item = extract_html(page, "byline.html")
    assert isinstance(item, ArticleInput)
    assert item.author == "سعيد بنعلي"
    assert item.published is None
    assert item.text.startswith("عقد وزراء داخلية")


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "E001"), (b"\x00\x01\x02binary", "E002"), (b"<html><body><script>x()</script></body></html>", "E036")],
)
def test_unreadable_pages_are_coded(data: bytes, code: str) -> None:
    item = extract_html(data, "bad.html")
    assert isinstance(item, InputFailure) and item.code == code


def test_legacy_arabic_code_page_is_decoded() -> None:
    text = (
        "<html><head><meta charset='windows-1256'></head><body>"
        "<p>أعلنت السلطات توقيف مشتبه به في مدينة وهران بعد تحقيق طويل.</p></body></html>"
    )
    item = extract_html(text.encode("cp1256"), "cp1256.html")
    assert isinstance(item, ArticleInput) and "توقيف مشتبه به" in item.text


FRENCH = (
    "Les forces de sécurité ont arrêté trois suspects dans la région de Tombouctou, selon un communiqué "
    "publié par le ministère de la Défense. L'opération a été menée à l'aube."
)
ENGLISH = (
    "Security forces arrested three suspects in the region of Timbuktu, according to a statement "
    "published by the defence ministry on Tuesday. The operation was carried out at dawn."
)
SPANISH = "Las fuerzas de seguridad detuvieron a tres sospechosos en la región de Tombuctú, según un comunicado."


def test_french_heuristic() -> None:
    assert looks_french(FRENCH)
    assert not looks_french(ENGLISH)
    assert not looks_french(SPANISH)
    assert not looks_french("أعلنت وزارة الدفاع توقيف ثلاثة مشتبه بهم في منطقة تمبكتو.")


def test_script_check_sets_french_aside_with_a_clear_reason() -> None:
    french = check_language(ArticleInput(FRENCH, "fr.txt"))
    assert isinstance(french, InputFailure) and french.code == "E035"
    assert "French" in french.message and "later French analysis" in french.message
    assert french.raw == FRENCH.encode()
    english = check_language(ArticleInput(ENGLISH, "en.txt"))
    assert isinstance(english, InputFailure) and english.code == "E008" and "100% Latin script" in english.message
    mixed = ArticleInput("قال المتحدث باسم الجيش المالي إن العملية نجحت (AFP, Reuters).", "ar.txt")
    assert check_language(mixed) is mixed


def test_french_page_from_the_file_is_quarantined_as_french() -> None:
    item = check_language(extract_html((PAGES / "french.html").read_bytes(), "french.html"))
    assert isinstance(item, InputFailure) and item.code == "E035"


def test_arabic_date_in_a_date_element_is_kept_for_parse_date() -> None:
    from marsad.analyze import parse_date

    page = (
        "<html><body><article><h1>دورية مشتركة على الحدود</h1>"
        '<span class="post-date">\u200fالثلاثاء 12 مارس 2024</span>'
        "<p>نفذت وحدات من الجيش والدرك دورية مشتركة على الحدود الجنوبية بعد رصد تحركات مشبوهة قرب المعبر.</p>"
        "</article></body></html>"
    ).encode()
    item = extract_html(page, "dated.html")
    assert isinstance(item, ArticleInput) and str(parse_date(item.published)) == "2024-03-12"
    from marsad.ingest.html import _page_date

    assert _page_date('<p>x</p><time class="t">\u200fالأحد 3 نوفمبر 2024</time>') == "الأحد 3 نوفمبر 2024"
    assert _page_date('<time datetime="2024-11-03T10:00">منذ ساعة</time>') == "2024-11-03T10:00"
    assert _page_date("<span class='date'>منذ ساعة</span>") is None
