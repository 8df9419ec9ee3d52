"""`/reports/{scope}/{period}.{html|pdf}` served by the app over the demo store: the same bytes as the CLI's."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.report import make_report, parse_period, parse_scope
from marsad.store import open_store


def test_reports_route(demo_db: Path) -> None:
    with open_store(demo_db, read_only=True) as store:
        client = TestClient(create_app(store))
        html = client.get("/reports/MAR/2025-W09.html")
        html_en = client.get("/reports/mar/2025-W09.html", params={"lang": "en"})
        pdf = client.get("/reports/maghreb/2015-07-01..2015-08-31.pdf")
        expected = make_report(store, parse_scope("MAR"), parse_period("2025-W09"), fmt="html").content
        bad = [client.get(p).status_code for p in ("/reports/MAR/2025-W99.html", "/reports/MAR/2025-W09.docx",
                                                   "/reports/XX/last.html", "/reports/MAR/2020-01-01..2022-01-01.pdf",
                                                   "/reports/Rabat/2025-W09.html")]  # fmt: skip
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert html.content == expected and 'dir="rtl"' in html.text and "تقرير الوضع" in html.text
    assert 'dir="ltr"' in html_en.text and "Situation report: Morocco" in html_en.text
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert 'filename="marsad-maghreb-2015-07-01..2015-08-31-ar.pdf"' in pdf.headers["content-disposition"]
    assert bad == [400, 400, 400, 400, 400]
