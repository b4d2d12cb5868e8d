"""The monthly price watch against vendors' pages served on 127.0.0.1: the same prices, changed prices in yen
and in dollars, a page in Shift_JIS, a 404, a page that never answers, a 30 MB page, a redirect loop and a
file that is not a page; a conditional GET the second time; an admin's observation and dismissal."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.advisor.price_watch import PAGE_BYTES, PriceWatch
from bot.domain.catalog import Catalog, Tool
from bot.domain.price_watch import WatchReport
from bot.domain.prices import PricePoint
from bot.store.db import Database
from bot.store.inventory import PriceObservations
from bot.store.price_pages import PricePages
from tests.fakes.vendor_pages import VendorPages
from tests.integration.databases import Clock, clock, database, database_url  # noqa: F401  (the fixtures)

TODAY = dt.date(2026, 12, 10)
PAGE_SECONDS = 1.0

YEN_PAGE = """<html><head><title>料金プラン</title></head><body>
<h2>プロ</h2><p>月額 <b>１，４８０円</b>（税込）/ユーザー</p>
<h2>ビジネス</h2><p>年払い ¥14,800/年（税込）</p></body></html>"""

DOLLAR_PAGE = """<html><body><script>var price = "$99";</script>
<div class="plan">Pro <span>$16.99</span> per user / month</div>
<div class="plan">Business <span>US$30</span> per user / month</div></body></html>"""

SJIS_PAGE = "<html><body><p>スタンダード　月額2,200円（税込）</p></body></html>"


def tool(tool_id: str, url: str, plans: list[dict[str, Any]]) -> Tool:
    return Tool.model_validate(
        {
            "id": tool_id,
            "name": tool_id,
            "vendor": "Vendor",
            "url": "https://example.com/",
            "kind": "app",
            "categories": ["transcription"],
            "languages": ["ja"],
            "good_for": "tests",
            "last_verified": dt.date(2026, 11, 1),
            "price_source": url,
            "tax_included": True,
            "plans": plans,
        }
    )


def plan(name: str, amount: float, currency: str, billing: str = "monthly") -> dict[str, Any]:
    return {
        "name": name,
        "billing": billing,
        "prices": [{"amount": amount, "currency": currency, "unit": "per_seat_month"}],
    }


@pytest.fixture
def pages() -> Iterator[VendorPages]:
    server = VendorPages()
    server.pages["/yen"] = (YEN_PAGE.encode(), "text/html; charset=utf-8")
    server.pages["/dollars"] = (DOLLAR_PAGE.encode(), "text/html")
    server.pages["/sjis"] = (SJIS_PAGE.encode("shift_jis"), "text/html; charset=Shift_JIS")
    meta = '<html><head><meta charset="Shift_JIS"></head>' + SJIS_PAGE[6:]
    server.pages["/sjis-meta"] = (meta.encode("shift_jis"), "text/html")
    server.pages["/pdf"] = (b"%PDF-1.7 $16.99", "application/pdf")
    server.pages["/script-only"] = (
        b"<html><body><div id='app'></div><script>render()</script></body></html>",
        "text/html",
    )
    with server:
        yield server


def watch_of(database: Database, clock: Clock, catalog: Catalog) -> PriceWatch:
    return PriceWatch(
        catalog,
        PriceObservations(database, clock),
        PricePages(database, clock),
        lambda: TODAY,
        page_seconds=PAGE_SECONDS,
    )


def check(watch: PriceWatch, tool_ids: list[str] | None = None) -> WatchReport:
    return asyncio.run(watch.check(tool_ids))


def by_tool(report: WatchReport) -> dict[str, str]:
    verdicts = {entry.tool_id: "unchanged" for entry in report.unchanged}
    verdicts.update({entry.tool_id: "changed" for entry in report.changed})
    verdicts.update({entry.tool_id: f"error: {entry.error}" for entry in report.errors})
    return verdicts


def test_each_page_is_unchanged_changed_or_an_error_with_its_reason(
    database: Database, clock: Clock, pages: VendorPages
) -> None:
    catalog = Catalog(
        tools=(
            tool("yen-same", pages.url("/yen"), [plan("Pro", 1480, "JPY"), plan("Business", 1233.33, "JPY", "annual")]),
            tool("yen-moved", pages.url("/yen"), [plan("Pro", 1180, "JPY")]),
            tool("dollar-same", pages.url("/dollars"), [plan("Pro", 16.99, "USD"), plan("Business", 30, "USD")]),
            tool("dollar-moved", pages.url("/dollars"), [plan("Pro", 14.99, "USD")]),
            tool("sjis", pages.url("/sjis"), [plan("Standard", 2200, "JPY")]),
            tool("sjis-meta", pages.url("/sjis-meta"), [plan("Standard", 1980, "JPY")]),
            tool("missing", pages.url("/missing"), [plan("Pro", 10, "USD")]),
            tool("hang", pages.url("/hang"), [plan("Pro", 10, "USD")]),
            tool("huge", pages.url("/huge"), [plan("Pro", 10, "USD")]),
            tool("loop", pages.url("/loop"), [plan("Pro", 10, "USD")]),
            tool("pdf", pages.url("/pdf"), [plan("Pro", 16.99, "USD")]),
            tool("script-only", pages.url("/script-only"), [plan("Pro", 10, "USD")]),
        ),
        tasks=(),
    )
    started = time.monotonic()
    report = check(watch_of(database, clock, catalog))
    elapsed = time.monotonic() - started

    verdicts = by_tool(report)
    assert report.checked == 12 and len(verdicts) == 12
    assert verdicts["yen-same"] == "unchanged"  # full-width digits; an annual plan shown as the year's total
    assert verdicts["dollar-same"] == "unchanged"  # "$99" in a script is not on the page
    assert verdicts["sjis"] == "unchanged"  # decoded as its server says
    assert verdicts["yen-moved"] == verdicts["dollar-moved"] == verdicts["sjis-meta"] == "changed"
    assert verdicts["missing"] == "error: HTTP 404 Not Found"
    assert verdicts["hang"].startswith("error: no ") and f"{PAGE_SECONDS:g} s" in verdicts["hang"]
    assert verdicts["huge"] == f"error: larger than {PAGE_BYTES // (1024 * 1024)} MB"
    assert verdicts["loop"] == "error: more than 5 redirects"
    assert verdicts["pdf"] == "error: not a web page (application/pdf)"
    assert verdicts["script-only"].startswith("error: no prices on the page")
    assert elapsed < 30, "the pages are read at once, each within its bound"

    changed = {entry.tool_id: entry for entry in report.changed}
    yen = changed["yen-moved"]
    assert [(p.plan, p.amount) for p in yen.missing] == [("Pro", 1180)]
    assert {(p.amount, p.currency) for p in yen.seen} == {(1480, "JPY"), (14800, "JPY")}
    assert "税込" in yen.seen[0].context
    dollars = changed["dollar-moved"]
    assert {(p.amount, p.currency) for p in dollars.seen} == {(16.99, "USD"), (30, "USD")}
    # The meta charset is read too: the page's price is there, just not the catalog's 1,980.
    assert [(p.amount, p.currency) for p in changed["sjis-meta"].seen] == [(2200, "JPY")]
    # One request per page, with a User-Agent that names the product.
    yen_requests = [headers for path, headers in pages.requests if path == "/yen"]
    assert len(yen_requests) == 1 and yen_requests[0]["User-Agent"].startswith("AI-Adoption-Advisor/")


def test_a_page_read_before_is_asked_for_again_with_its_etag_and_a_304_keeps_its_prices(
    database: Database, clock: Clock, pages: VendorPages
) -> None:
    catalog = Catalog(tools=(tool("yen-moved", pages.url("/yen"), [plan("Pro", 1180, "JPY")]),), tasks=())
    watch = watch_of(database, clock, catalog)
    first = check(watch)
    second = check(watch)

    conditional = [headers.get("If-None-Match") for path, headers in pages.requests if path == "/yen"]
    assert conditional[0] is None and conditional[1] is not None and conditional[1].startswith('"')
    assert [entry.seen for entry in second.changed] == [entry.seen for entry in first.changed]
    assert second.changed[0].seen, "a 304 answers with the prices of the last read"


def test_a_recorded_observation_is_what_the_page_is_compared_with(
    database: Database, clock: Clock, pages: VendorPages
) -> None:
    catalog = Catalog(tools=(tool("yen-moved", pages.url("/yen"), [plan("Pro", 1180, "JPY")]),), tasks=())
    watch = watch_of(database, clock, catalog)
    assert by_tool(check(watch)) == {"yen-moved": "changed"}
    PriceObservations(database, clock).record(
        PricePoint(
            item_id="yen-moved",
            kind="tool",
            plan="Pro",
            amount=1480,
            currency="JPY",
            unit="per_seat_month",
            observed_on=TODAY,
            source=pages.url("/yen"),
        ),
        recorded_by="U_ADMIN",
    )
    assert by_tool(check(watch)) == {"yen-moved": "unchanged"}


def test_a_dismissed_change_is_not_proposed_again_until_the_page_shows_other_prices(
    database: Database, clock: Clock, pages: VendorPages
) -> None:
    catalog = Catalog(
        tools=(
            tool("dollar-moved", pages.url("/dollars"), [plan("Pro", 14.99, "USD")]),
            tool("dollar-moved-too", pages.url("/dollars"), [plan("Pro", 13.99, "USD")]),  # the same page
        ),
        tasks=(),
    )
    watch = watch_of(database, clock, catalog)
    first = check(watch)
    assert [change.tool_id for change in first.to_propose()] == ["dollar-moved", "dollar-moved-too"]
    second_tool = first.changed[1]
    assert PricePages(database, clock).dismiss("dollar-moved-too", second_tool.signature, by="U_ADMIN")
    again = check(watch)
    assert [change.tool_id for change in again.to_propose()] == ["dollar-moved"]
    assert [change.dismissed for change in again.changed] == [False, True]

    pages.pages["/dollars"] = (DOLLAR_PAGE.replace("$16.99", "$18.99").encode(), "text/html")
    moved_again = check(watch)
    assert [change.tool_id for change in moved_again.to_propose()] == ["dollar-moved", "dollar-moved-too"]


def test_prices_check_json_has_one_entry_per_tool_and_names_an_unknown_tool(
    pages: VendorPages, tmp_path: Any, database_url: str
) -> None:
    from click.testing import CliRunner

    from bot.cli import main as advisor

    catalog_dir = tmp_path / "catalog"
    (catalog_dir / "tools").mkdir(parents=True)
    (catalog_dir / "tasks.yaml").write_text("tasks: []\n")
    for entry in (
        tool("yen-same", pages.url("/yen"), [plan("Pro", 1480, "JPY")]),
        tool("dollar-moved", pages.url("/dollars"), [plan("Pro", 14.99, "USD")]),
        tool("missing", pages.url("/missing"), [plan("Pro", 10, "USD")]),
    ):
        (catalog_dir / "tools" / f"{entry.id}.yaml").write_text(json.dumps(entry.model_dump(mode="json")))
    env = {"ADVISOR_CATALOG_DIR": str(catalog_dir), "DATABASE_URL": database_url}
    runner = CliRunner()

    done = runner.invoke(advisor, ["prices", "check", "--json"], env=env)
    assert done.exit_code == 0, done.output
    result = json.loads(done.output)
    assert result["checked"] == 3
    assert result["unchanged"] == [{"tool_id": "yen-same", "url": pages.url("/yen")}]
    assert [entry["tool_id"] for entry in result["changed"]] == ["dollar-moved"]
    assert set(result["changed"][0]) >= {"tool_id", "url", "seen", "expected"}
    assert result["changed"][0]["expected"] == [
        {"plan": "Pro", "amount": 14.99, "currency": "USD", "unit": "per_seat_month"}
    ]
    assert result["errors"] == [{"tool_id": "missing", "url": pages.url("/missing"), "error": "HTTP 404 Not Found"}]

    unknown = runner.invoke(advisor, ["prices", "check", "--tool", "otter"], env=env)
    assert unknown.exit_code == 2 and "no tool with id 'otter'" in unknown.output
