"""The fetcher and web sources against a local news site: slow, failing, redirecting, oversized, robots."""

from __future__ import annotations

from ingest_site import NewsSite

from marsad.ingest import Fetched, Fetcher, FetchSettings, SourceOptions, open_source
from marsad.ingest.feeds import load_page
from marsad.inputs import ArticleInput, InputFailure


def test_page_is_fetched_and_extracted_with_byline_and_user_agent(site: NewsSite, web_options: SourceOptions) -> None:
    item = load_page(site.base + "/pages/article1.html", web_options)
    assert isinstance(item, ArticleInput)
    assert item.title == "مقتل جندي تركي وإصابة آخر باشتباكات مع «داعش» على الحدود السورية"
    assert item.author == "وليد عبد الرحمن"
    assert item.published == "2015-07-23"
    assert "جنديا تركيا قتل" in item.text
    assert "الأكثر قراءة" not in item.text and "إعلان" not in item.text and "بقلم" not in item.text
    assert "\u200f" not in (item.title or "")
    assert all(ua.startswith("marsad/") for ua in site.user_agents)


def test_http_errors_are_coded(site: NewsSite, fetcher: Fetcher) -> None:
    missing = fetcher.fetch(site.base + "/missing")
    assert isinstance(missing, InputFailure) and missing.code == "E030" and "404" in missing.message
    broken = fetcher.fetch(site.base + "/error500")
    assert isinstance(broken, InputFailure) and broken.code == "E030" and "500" in broken.message
    assert site.hits["/error500"] == 2  # retried once (retries=1), then given up
    assert site.hits["/missing"] == 1  # a 404 is not retried


def test_transient_503_is_retried(site: NewsSite, fetcher: Fetcher) -> None:
    result = fetcher.fetch(site.base + "/flaky")
    assert isinstance(result, Fetched) and result.status == 200
    assert site.hits["/flaky"] == 2


def test_slow_response_times_out(site: NewsSite, fetcher: Fetcher) -> None:
    result = fetcher.fetch(site.base + "/slow")
    assert isinstance(result, InputFailure) and result.code == "E031"
    assert "Timeout" in result.message


def test_redirects_followed_loops_and_chains_refused(site: NewsSite, fetcher: Fetcher) -> None:
    ok = fetcher.fetch(site.base + "/redirect")
    assert isinstance(ok, Fetched) and ok.url.endswith("/pages/article1.html")
    loop = fetcher.fetch(site.base + "/loop/a")
    assert isinstance(loop, InputFailure) and loop.code == "E033" and "loop" in loop.message
    chain = fetcher.fetch(site.base + "/chain/0")
    assert isinstance(chain, InputFailure) and chain.code == "E033" and "more than 5" in chain.message
    assert site.hits["/chain/5"] == 1 and site.hits["/chain/6"] == 0  # five redirects followed, no more


def test_oversized_responses_are_capped(site: NewsSite, fetcher: Fetcher) -> None:
    declared = fetcher.fetch(site.base + "/big")
    assert isinstance(declared, InputFailure) and declared.code == "E034"
    streamed = fetcher.fetch(site.base + "/big-chunked")
    assert isinstance(streamed, InputFailure) and streamed.code == "E034"
    assert 0 < len(streamed.raw) <= 4096


def test_robots_txt_is_respected_also_after_a_redirect(site: NewsSite, fetcher: Fetcher) -> None:
    direct = fetcher.fetch(site.base + "/private/page.html")
    assert isinstance(direct, InputFailure) and direct.code == "E032"
    via = fetcher.fetch(site.base + "/to-private")
    assert isinstance(via, InputFailure) and via.code == "E032"
    assert site.hits["/private/page.html"] == 0
    assert site.hits["/robots.txt"] == 1  # cached per host


def test_rate_limit_spaces_requests_to_one_host(site: NewsSite) -> None:
    sleeps: list[float] = []
    clock = iter([0.0, 0.0, 0.1, 1.0, 1.2, 2.2] + [10.0] * 20)
    f = Fetcher(FetchSettings(per_host_interval=1.0), sleep=sleeps.append, clock=lambda: next(clock))
    with f:
        assert isinstance(f.fetch(site.base + "/pages/article1.html"), Fetched)
        assert isinstance(f.fetch(site.base + "/pages/article2.html"), Fetched)
    assert sleeps and all(0 < s <= 1.0 for s in sleeps)


def test_feeds_rss_and_atom_fetch_each_linked_page(site: NewsSite, web_options: SourceOptions) -> None:
    for feed in ("/feed.rss", "/feed.atom"):
        source = open_source(site.base + feed, web_options)
        entries = list(source.entries())
        assert [e.key for e in entries] == [f"{site.base}/pages/article{i}.html" for i in (1, 2, 3)]
        items = [e.load() for e in entries]
        assert all(isinstance(i, ArticleInput) for i in items)
        assert items[1].published == "2015-07-23"  # type: ignore[union-attr]
        assert items[2].author == "نورة العتيبي"  # type: ignore[union-attr]


def test_malformed_feed_is_one_coded_failure(site: NewsSite, web_options: SourceOptions) -> None:
    items = list(open_source("feed:" + site.base + "/malformed.rss", web_options))
    assert len(items) == 1 and isinstance(items[0], InputFailure) and items[0].code == "E037"


def test_url_list_mixes_pages_and_feeds(site: NewsSite, web_options: SourceOptions, tmp_path: object) -> None:
    from pathlib import Path

    listing = Path(str(tmp_path)) / "news.urls"
    listing.write_text(f"# outlets\n{site.base}/feed.rss\n{site.base}/missing\n{site.base}/pages/french.html\n")
    items = list(open_source(str(listing), web_options))
    assert len(items) == 5
    assert [getattr(i, "code", None) for i in items] == [None, None, None, "E030", None]


def test_feed_with_arabic_dates_keeps_them_for_parse_date(site: NewsSite, web_options: SourceOptions) -> None:
    from marsad.analyze import parse_date

    rss = (
        f"<rss version='2.0'><channel><title>هسبريس</title><item><title>خبر</title>"
        f"<link>{site.base}/pages/article3.html</link><pubDate>الخميس 23 يوليو 2015</pubDate></item>"
        "</channel></rss>"
    ).encode()
    site.extra["/ar-dates.rss"] = (200, "application/rss+xml", rss)
    (item,) = list(open_source(site.base + "/ar-dates.rss", web_options))
    assert isinstance(item, ArticleInput) and item.published == "الخميس 23 يوليو 2015"
    assert str(parse_date(item.published)) == "2015-07-23"
