"""A Kolada that misbehaves, on loopback (tests/kolada_server.py): bad answers are refused
and never cached, each with one Swedish message; requests are bounded (Retry-After,
a total deadline, a maximum size); the cache holds entries with their fetch date, a max
age, a fallback when Kolada fails, `kolada refresh`, and corrupt files set aside.

Every server here is finite (a script of pieces with pauses, or real saved v3 rows), and
every call that today's code could let hang runs in a thread joined with a timeout."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import os
import threading
import time
from pathlib import Path

import pytest

from kolada_server import HostileKolada, RealKolada, http_reply, real_values
from sonanalys.cli import main
from sonanalys.kolada import KoladaClient, KoladaError

# Arboga's real N03703 values (rKolada's saved v3 output): 2019 820, 2020 790
KPI, ARBOGA = "N03703", "1984"
PATH = f"/v3/data/kpi/{KPI}/municipality/{ARBOGA}/year/2019"


def real_rows(years=(2019,)) -> list[dict]:
    return [
        r
        for r in real_values()
        if r["kpi"] == KPI and r["municipality"] == ARBOGA and r["period"] in years
    ]


def good_page(years=(2019,)) -> dict:
    rows = real_rows(years)
    return {"values": rows, "count": len(rows), "next_url": None}


def client(url: str, cache: Path, **kw) -> KoladaClient:
    kw = {"timeout": 5.0, "retries": 0, "backoff": 0.01, "min_interval": 0.0, **kw}
    return KoladaClient(base_url=url, cache_dir=cache, **kw)


def bounded(fn, seconds: float):
    """``fn()`` in a thread: its result or exception, or a failure when it is still
    running after ``seconds`` (today's code may sleep a day)."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    start = time.monotonic()
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s"
    out["took"] = time.monotonic() - start
    return out


def cached(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json")) if cache.is_dir() else []


# ------------------------------------------------------------------ bad answers

ROW = real_rows()[0]
BAD = {
    "error_in_200": (
        http_reply(200, {"error": "Internal error, try again"}),
        "Kolada svarade med ett fel: Internal error",
    ),
    "wrong_shape": (
        http_reply(
            200,
            {
                "values": [{"kpi": KPI, "kommun": ARBOGA, "period": 2019, "values": ROW["values"]}],
                "count": 1,
                "next_url": None,
            },
        ),
        "saknar 'municipality'",
    ),
    "value_as_text": (
        http_reply(
            200,
            {
                "values": [
                    {**ROW, "values": [{"gender": "T", "count": 1, "status": "", "value": "761,0"}]}
                ],
                "count": 1,
                "next_url": None,
            },
        ),
        "'value' är inget tal utan 761,0",
    ),
    "truncated_with_length": (
        http_reply(200, json.dumps(good_page())[:40], length=len(json.dumps(good_page()))),
        "svaret bröts innan det var helt",
    ),
    "truncated_without_length": (
        http_reply(200, json.dumps(good_page())[:40], length=-1),
        "svaret är avbrutet",
    ),
    "html_page": (
        http_reply(
            200,
            "<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>",
            content_type="text/html",
        ),
        "svaret är en HTML-sida",
    ),
    "nan_value": (
        http_reply(
            200,
            '{"values": [{"kpi": "N03703", "municipality": "1984", "period": 2019, '
            '"values": [{"gender": "T", "count": 1, "status": "", "value": NaN}]}], '
            '"count": 1, "next_url": null}',
        ),
        "NaN",
    ),
    "deeply_nested": (http_reply(200, "[" * 100_000), "för djupt nästlat"),
    "integer_too_long": (
        http_reply(200, '{"values": [], "count": ' + "1" * 5000 + ', "next_url": null}'),
        "ett tal som inte kan läsas",
    ),
    "rows_not_asked_for": (
        http_reply(200, {"values": [{**ROW, "kpi": "N35001"}], "count": 1, "next_url": None}),
        "gäller N35001, som inte efterfrågades",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_answer_is_refused_named_and_never_cached(case, tmp_path):
    reply, said = BAD[case]
    answers = [reply, http_reply(200, good_page())]
    server = HostileKolada(lambda path: [(answers.pop(0) if len(answers) > 1 else answers[0], 0)])
    try:
        c = client(server.url, tmp_path / "c")
        got = bounded(lambda: c.data(KPI, ARBOGA, 2019), 20)
        err = got.get("error")
        assert isinstance(err, KoladaError), repr(err)
        msg = str(err)
        assert said in msg
        assert f"{KPI} för {ARBOGA} år 2019" in msg and server.url in msg
        assert not cached(tmp_path / "c")  # nothing cached
        # the next run asks again and gets the real answer
        df = client(server.url, tmp_path / "c").data(KPI, ARBOGA, 2019)
        assert df["value"].tolist() == [820.0]
        assert len(cached(tmp_path / "c")) == 1
    finally:
        server.close()


def test_cli_says_a_bad_answer_in_one_swedish_line(tmp_path, capsys):
    server = HostileKolada(lambda path: [(BAD["html_page"][0], 0)])
    try:
        args = ["--kpi", KPI, "--municipality", ARBOGA, "--years", "2019"]
        args += ["--base-url", server.url, "--cache-dir", str(tmp_path / "c")]
        assert main(["kolada", "fetch", *args]) == 1
    finally:
        server.close()
    err = capsys.readouterr().err
    assert err.startswith(f"fel: Kolada gav ett ogiltigt svar för {KPI} för {ARBOGA} år 2019")
    assert "Traceback" not in err and "requests." not in err and len(err.splitlines()) == 1


# ------------------------------------------------------------------ limits


def test_retry_after_of_a_day_is_not_waited_for(tmp_path):
    server = HostileKolada(
        lambda path: [(http_reply(429, {"error": "slow down"}, {"Retry-After": "86400"}), 0)]
    )
    try:
        c = client(server.url, tmp_path / "c", retries=3)  # max_retry_after: its default
        got = bounded(lambda: c.data(KPI, ARBOGA, 2019), 10)
    finally:
        server.close()
    err = got.get("error")
    assert isinstance(err, KoladaError), repr(err)
    assert "ber oss vänta 86\u00a0400 s (Retry-After), mer än gränsen 60 s" in str(err)
    assert len(server.log) == 1  # not asked again either


def _trickle(head: bytes, body: bytes, every: float, most: int) -> list[tuple[bytes, float]]:
    data = head + body
    return [(data[i : i + 1], every) for i in range(min(len(data), most))]


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_server_sending_a_byte_at_a_time_hits_the_total_deadline(where, tmp_path):
    reply = http_reply(200, good_page())
    head, body = reply.split(b"\r\n\r\n", 1)
    head += b"\r\n\r\n"
    if where == "body":  # the headers at once, then a byte every 0,4 s (40 bytes at most)
        server = HostileKolada(lambda path: [(head, 0), *_trickle(b"", body, 0.4, 40)])
    else:  # the status line and headers a byte every 0,4 s
        server = HostileKolada(lambda path: _trickle(head, body, 0.4, 40))
    try:
        # each read gets a byte well within the 5 s read timeout; the whole must end in 1,5 s
        c = client(server.url, tmp_path / "c", deadline=1.5)
        got = bounded(lambda: c.data(KPI, ARBOGA, 2019), 12)
    finally:
        server.close()
    err = got.get("error")
    assert isinstance(err, KoladaError), repr(err)
    assert "svaret var inte helt efter 1,5 s (gränsen för ett anrop)" in str(err)
    assert got["took"] < 4
    assert not cached(tmp_path / "c")


def test_the_deadline_holds_over_https(tmp_path):
    # Kolada is https: the same trickle through TLS (a self-signed certificate the client
    # trusts), where the socket the watchdog shuts is wrapped
    pytest.importorskip("cryptography")
    import requests

    from kolada_server import self_signed

    ctx, cert = self_signed(tmp_path)
    reply = http_reply(200, good_page())
    server = HostileKolada(lambda path: _trickle(reply, b"", 0.4, 40), tls=ctx)
    session = requests.Session()
    session.verify = str(cert)
    session.trust_env = False  # else REQUESTS_CA_BUNDLE overrides verify
    try:
        assert server.url.startswith("https://")
        c = client(server.url, tmp_path / "c", deadline=1.5, session=session)
        got = bounded(lambda: c.data(KPI, ARBOGA, 2019), 12)
        err = got.get("error")
        assert isinstance(err, KoladaError), repr(err)
        assert "svaret var inte helt efter 1,5 s" in str(err) and got["took"] < 4
        # and a whole answer over the same TLS comes through
        fast = HostileKolada(lambda path: [(http_reply(200, good_page()), 0)], tls=ctx)
        try:
            df = client(fast.url, tmp_path / "c", session=session).data(KPI, ARBOGA, 2019)
        finally:
            fast.close()
        assert df["value"].tolist() == [820.0]
    finally:
        server.close()


def test_a_response_larger_than_the_limit_is_refused(tmp_path):
    page = json.dumps(good_page())
    padded = page[:-1] + " " * 200_000 + "}"  # still valid JSON, 200 kB
    bomb = gzip.compress(padded.encode()[:-1] + b" " * 5_000_000 + b"}")  # 5 MB in 5 kB
    cases = [
        (http_reply(200, padded), "svaret är 0,2 MB, mer än gränsen 0,1 MB"),  # Content-Length
        (http_reply(200, padded, length=-1), "större än gränsen 0,1 MB"),  # counted while read
        (http_reply(200, bomb, {"Content-Encoding": "gzip"}), "större än gränsen 0,1 MB"),
    ]
    for reply, said in cases:
        server = HostileKolada(lambda path, reply=reply: [(reply, 0)])
        try:
            c = client(server.url, tmp_path / "c", max_bytes=100_000)
            got = bounded(lambda c=c: c.data(KPI, ARBOGA, 2019), 10)
        finally:
            server.close()
        err = got.get("error")
        assert isinstance(err, KoladaError) and said in str(err), repr(err)
    assert not cached(tmp_path / "c")


@pytest.mark.parametrize(
    "script, said",
    [
        ([(b"", 0)], "svaret bröts innan det var helt"),  # connection closed, no answer
        (
            [(b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 200 + b"\r\n{}", 0)],
            "svaret bröts innan det var helt",  # more headers than HTTP allows
        ),
        ([(b"SSH-2.0-OpenSSH_9.6\r\n", 0)], "svaret bröts innan det var helt"),  # not HTTP
    ],
    ids=["hangs_up", "too_many_headers", "not_http"],
)
def test_a_connection_that_breaks_is_not_called_unreachable(tmp_path, script, said):
    server = HostileKolada(lambda path: script)
    try:
        c = client(server.url, tmp_path / "c", retries=1)
        got = bounded(lambda: c.data(KPI, ARBOGA, 2019), 10)
    finally:
        server.close()
    err = got.get("error")
    assert isinstance(err, KoladaError), repr(err)
    assert str(err).startswith(f"Kolada gav inget fullständigt svar för {KPI} för {ARBOGA}")
    assert said in str(err) and len(server.log) == 2  # retried once
    assert not cached(tmp_path / "c")


def test_a_base_url_that_cannot_be_used_is_said(tmp_path, capsys):
    args = ["--kpi", KPI, "--municipality", ARBOGA, "--years", "2019"]
    args += ["--base-url", "api.kolada.se/v3", "--cache-dir", str(tmp_path / "c")]
    assert main(["kolada", "fetch", *args]) == 1
    err = capsys.readouterr().err
    assert "kontrollera --base-url" in err and "Traceback" not in err


def test_pages_without_end_are_cut_off(tmp_path):
    # every page points to a next one (distinct URLs, no loop): stopped at max_pages
    def script(path):
        page = int(path.rsplit("page=", 1)[1]) if "page=" in path else 1
        nxt = f"{server.url}{PATH[3:]}?per_page=5000&page={page + 1}"
        return [(http_reply(200, {"values": [], "count": 0, "next_url": nxt}), 0)]

    server = HostileKolada(script)
    try:
        c = client(server.url, tmp_path / "c", max_pages=20)
        got = bounded(lambda: c.data(KPI, ARBOGA, 2019), 20)
    finally:
        server.close()
    err = got.get("error")
    assert isinstance(err, KoladaError) and "fler än 20 sidor" in str(err), repr(err)
    assert len(server.log) == 20


# ------------------------------------------------------------------ max age, fallback


def _age(cache: Path, days: float) -> str:
    """Make every entry ``days`` old; the date written."""
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    for p in cached(cache):
        e = json.loads(p.read_text(encoding="utf-8"))
        e["fetched"], e["fetched_at"] = when.date().isoformat(), when.isoformat()
        p.write_text(json.dumps(e, ensure_ascii=False), encoding="utf-8")
    return when.date().isoformat()


@pytest.fixture
def real():
    k = RealKolada()
    yield k
    k.close()


def test_an_entry_older_than_its_max_age_is_fetched_again(real, tmp_path, capsys):
    cache = tmp_path / "c"
    c = client(real.url, cache)
    c.data(KPI, ARBOGA, [2019, 2020])
    entry = json.loads(cached(cache)[0].read_text(encoding="utf-8"))
    today = dt.date.today().isoformat()
    assert entry["fetched"] == today and entry["fetched_at"].startswith(today)
    old = _age(cache, 40)
    # shown offline, with a word that the values are old
    args = ["--kpi", KPI, "--municipality", ARBOGA, "--years", "2019", "--cache-dir", str(cache)]
    assert main(["kolada", "show", *args]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"obs: värden hämtade {old} är äldre än 30 dagar")
    assert main(["kolada", "show", *args, "--max-age", "60"]) == 0
    assert capsys.readouterr().err == ""
    # younger than its max age: no request
    c = client(real.url, cache, max_age_days=60)
    assert c.data(KPI, ARBOGA, [2019, 2020])["fetched"].tolist() == [old, old]
    assert c.requests_made == 0
    # older (the default 30 days): fetched again, a revised value is seen
    real.data = [
        {**r, "values": [{**r["values"][0], "value": 821.0}]}
        if (r["kpi"], r["municipality"], r["period"]) == (KPI, ARBOGA, 2019)
        else r
        for r in real.data
    ]
    c = client(real.url, cache)
    df = c.data(KPI, ARBOGA, [2019, 2020])
    assert c.requests_made == 1
    assert df["value"].tolist() == [821.0, 790.0] and set(df["fetched"]) == {today}
    assert c.notices == []
    # an entry cached before fetched_at existed is dated by its day alone
    p = cached(cache)[0]
    e = json.loads(p.read_text(encoding="utf-8"))
    del e["fetched_at"]
    e["fetched"] = (dt.date.today() - dt.timedelta(days=31)).isoformat()
    p.write_text(json.dumps(e, ensure_ascii=False), encoding="utf-8")
    c = client(real.url, cache)
    assert set(c.data(KPI, ARBOGA, [2019, 2020])["fetched"]) == {today} and c.requests_made == 1
    # a killed run's temporary file is removed when it is an hour old
    tmp = cache / f".{p.stem}.999999.tmp"
    tmp.write_text("{", encoding="utf-8")
    os.utime(tmp, (time.time() - 7200, time.time() - 7200))
    client(real.url, cache, max_age_days=0).data(KPI, ARBOGA, [2019, 2020])
    assert not tmp.exists()


def test_when_kolada_fails_an_old_entry_is_used_and_said(tmp_path, capsys):
    cache = tmp_path / "c"
    real = RealKolada()
    url = real.url
    try:
        client(url, cache).data(KPI, ARBOGA, [2019, 2020])
    finally:
        real.close()
    old = _age(cache, 40)
    # unreachable now: the 40-day-old answer is used, and the client says so
    c = client(url, cache)
    df = c.data(KPI, ARBOGA, [2019, 2020])
    assert df["value"].tolist() == [820.0, 790.0] and set(df["fetched"]) == {old}
    assert len(c.notices) == 1
    assert "Kolada kan inte nås" in c.notices[0]
    assert f"använder cachens svar från {old} i stället" in c.notices[0]
    # the command says it too, and exits 0: the values are there, with their date
    args = ["--kpi", KPI, "--municipality", ARBOGA, "--years", "2019-2020"]
    args += ["--base-url", url, "--cache-dir", str(cache)]
    assert main(["kolada", "fetch", *args]) == 0
    out, err = capsys.readouterr()
    assert f"använder cachens svar från {old}" in err and err.startswith("obs: ")
    assert "1 svar kunde inte hämtas på nytt: cachens äldre svar användes" in out


def test_a_bad_answer_keeps_the_old_entry(tmp_path):
    # the cache is keyed by URL: the hostile server answers the same URL as was cached
    answers = [http_reply(200, good_page()), BAD["error_in_200"][0]]
    server = HostileKolada(lambda path: [(answers.pop(0) if len(answers) > 1 else answers[0], 0)])
    cache = tmp_path / "c"
    try:
        client(server.url, cache).data(KPI, ARBOGA, 2019)
        old = _age(cache, 40)
        c = client(server.url, cache)
        df = c.data(KPI, ARBOGA, 2019)
    finally:
        server.close()
    assert df["value"].tolist() == [820.0] and df["fetched"].tolist() == [old]
    assert len(server.log) == 2
    assert "Kolada svarade med ett fel" in c.notices[0] and old in c.notices[0]
    assert json.loads(cached(cache)[0].read_text(encoding="utf-8"))["fetched"] == old


def test_refresh_fetches_what_is_cached_again(real, tmp_path, capsys):
    cache = tmp_path / "c"
    c = client(real.url, cache)
    c.data(KPI, ARBOGA, [2019, 2020])
    c.data("N03702", ARBOGA, [2019])
    assert len(cached(cache)) == 2
    real.data = [
        {**r, "values": [{**r["values"][0], "value": 821.0}]}
        if (r["kpi"], r["municipality"], r["period"]) == (KPI, ARBOGA, 2019)
        else r
        for r in real.data
    ]
    n = len(real.log)
    # only the asked KPI, though the entries are fresh
    assert main(["kolada", "refresh", "--kpi", KPI, "--cache-dir", str(cache)]) == 0
    assert "1 av 1 svar hämtade på nytt" in capsys.readouterr().out
    assert len(real.log) == n + 1
    off = KoladaClient(cache_dir=cache, offline=True)
    assert off.stored(KPI, ARBOGA, [2019])["value"].tolist() == [821.0]
    # everything cached
    assert main(["kolada", "refresh", "--cache-dir", str(cache)]) == 0
    assert "2 av 2 svar hämtade på nytt" in capsys.readouterr().out
    assert len(real.log) == n + 3
    # KPIs, municipalities and years all given: those answers, cached or not
    args = ["--kpi", KPI, "--municipality", ARBOGA, "--years", "2021"]
    args += ["--base-url", real.url, "--cache-dir", str(cache)]
    assert main(["kolada", "refresh", *args]) == 0
    assert "1 av 1 svar hämtade på nytt" in capsys.readouterr().out
    assert len(cached(cache)) == 3
    assert off.stored(KPI, ARBOGA, [2021])["value"].tolist() == [908.0]
    # Kolada gone: exit 1, each answer named, the cached ones kept
    real.close()
    assert main(["kolada", "refresh", "--cache-dir", str(cache)]) == 1
    out, err = capsys.readouterr()
    assert "0 av 3 svar hämtade på nytt" in out
    today = dt.date.today().isoformat()
    assert err.count(f"cachens svar från {today} behålls") == 3
    assert off.stored(KPI, ARBOGA, [2019])["value"].tolist() == [821.0]


# ------------------------------------------------------------------ corrupt cache


def test_a_corrupt_cache_file_is_set_aside_named_and_fetched_again(real, tmp_path):
    cache = tmp_path / "c"
    client(real.url, cache).data(KPI, ARBOGA, [2019])
    client(real.url, cache).data("N03702", ARBOGA, [2019])
    files = cached(cache)
    assert len(files) == 2
    broken = next(p for p in files if KPI in json.loads(p.read_text(encoding="utf-8"))["url"])
    broken.write_text('{"url": "http://x", "fetched": "2026-', encoding="utf-8")  # cut off
    # reading the cache: the other entry is there, the broken one named and set aside
    off = KoladaClient(cache_dir=cache, offline=True)
    got = off.stored([KPI, "N03702"], [ARBOGA], [2019])
    assert got["kpi"].tolist() == ["N03702"]
    assert len(off.notices) == 1 and str(broken) in off.notices[0]
    assert got.attrs["notices"] == off.notices  # for the 03 report to show
    aside = list(cache.glob(broken.name + ".trasig-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8").startswith('{"url": "http://x"')
    # fetched again on the next run
    n = len(real.log)
    c = client(real.url, cache)
    assert c.data(KPI, ARBOGA, [2019])["value"].tolist() == [820.0]
    assert len(real.log) == n + 1 and len(cached(cache)) == 2


def _poison(cache: Path, body: dict) -> Path:
    """An entry as today's code cached a bad answer: the URL and date are right."""
    p = next(p for p in cached(cache) if KPI in json.loads(p.read_text(encoding="utf-8"))["url"])
    e = json.loads(p.read_text(encoding="utf-8"))
    e["body"] = body
    p.write_text(json.dumps(e, ensure_ascii=False), encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "body",
    [
        {"values": [{"kpi": KPI, "kommun": ARBOGA, "period": 2019, "values": ROW["values"]}]},
        {"error": "Internal error"},
        {
            "values": [
                {**ROW, "values": [{"gender": "T", "count": 1, "status": "", "value": "761,0"}]}
            ]
        },
    ],
    ids=["wrong_shape", "error", "value_as_text"],
)
def test_kolada_show_holds_with_a_bad_cached_answer(real, tmp_path, capsys, body):
    cache = tmp_path / "c"
    client(real.url, cache).data([KPI], [ARBOGA], [2019])
    client(real.url, cache).data(["N03702"], [ARBOGA], [2019])
    p = _poison(cache, body)
    args = ["--kpi", KPI, "N03702", "--municipality", ARBOGA, "--years", "2019"]
    args += ["--cache-dir", str(cache)]
    assert main(["kolada", "show", *args]) == 0
    out, err = capsys.readouterr()
    assert "N03702" in out and "Arboga (1984)" in out
    assert err.startswith(f"obs: cachefilen {p} var trasig") and "Traceback" not in err
    assert main(["kolada", "show", *args]) == 0  # and the next run too, silently
    assert capsys.readouterr().err == ""


# ------------------------------------------------------------------ provenance per number


def test_each_compared_number_says_where_it_comes_from(real, tmp_path):
    from sonanalys.kolada import compare, group, snapshot

    # fetched: Arboga and two members, 2019 and 2020, then Kolada has no 2020 value for
    # Arboga (a ``Missing`` row, as v3 gives it)
    real.data = [
        r for r in real.data if not (r["municipality"] == ARBOGA and r["period"] == 2020)
    ] + [
        {
            "kpi": KPI,
            "municipality": ARBOGA,
            "period": 2020,
            "values": [{"gender": "T", "count": 0, "status": "Missing", "value": None}],
        }
    ]
    today = dt.date.today().isoformat()
    v = client(real.url, tmp_path / "c").data(KPI, [ARBOGA, "0319", "0562"], [2019, 2020])
    c = compare(v, ARBOGA, ["0319", "0562"]).set_index("year")
    assert list(c.index) == [2019]  # as before: only years with the municipality's value
    assert c.loc[2019, ["value_origin", "value_fetched", "value_note"]].tolist() == [
        "kolada",
        today,
        f"Kolada, hämtat {today}",
    ]
    assert c.loc[2019, "members_fetched"] == today and c.loc[2019, "group_origin"] == "saknas"
    full = compare(v, ARBOGA, ["0319", "0562"], keep_missing=True).set_index("year")
    assert list(full.index) == [2019, 2020]
    r = full.loc[2020]
    assert math.isnan(r["value"]) and math.isnan(r["rank"]) and math.isnan(r["gap"])
    assert (r["value_origin"], r["value_note"]) == ("saknas", f"saknas i Kolada (hämtat {today})")
    assert r["mean"] == (1137.0 + 928.0) / 2  # the members' real 2020 values
    # the snapshot: the document's own figures, with file and line
    s = compare(snapshot(), "0580", list(group("R9")["municipality_id"]), "G96092")
    r = s.set_index("kpi").loc["N35001"]
    assert (r["value_origin"], r["group_origin"], r["value_fetched"]) == (
        "dokument",
        "dokument",
        "",
    )
    assert r["value_note"].startswith("dokumentet 002_internbudget") and " rad " in r["value_note"]


def test_report_03_holds_with_a_bad_cached_answer(real, tmp_path):
    from sonanalys.report.runner import run_reports

    members = ["0319", "0562", "0687", "1082", "1083", "1885", "2084"]
    cache = tmp_path / "kolada"
    c = client(real.url, cache)
    c.data(["N03702"], [ARBOGA, *members], [2019, 2020])
    c.data([KPI], [ARBOGA, *members], [2019, 2020])
    # the probe's case: a wrongly shaped answer in the cache (KeyError 'municipality')
    p = _poison(
        cache, {"values": [{"kpi": KPI, "kommun": ARBOGA, "period": 2019, "values": ROW["values"]}]}
    )
    s = run_reports(
        out=tmp_path / "rep",
        municipality="Arboga",
        only=["03"],
        progress=False,
        run_date="2026-11-27",
        notebook_params={
            "comparison_group": ",".join(members),
            "kpis": ["N03702", KPI],
            "years": [2019, 2020],
            "kolada_cache": str(cache),
        },
    )
    assert s.failed == [], s.failed and s.failed[0].error
    page = (s.out / s.report("03").html).read_text(encoding="utf-8")
    assert "N03702" in page and "Källa: Kolada (API v3), hämtat" in page
    assert not p.exists() and len(list(cache.glob(p.name + ".trasig-*"))) == 1
