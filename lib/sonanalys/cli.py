"""The command line (``sonanalys parse | report | score | kolada``): its help is in
Swedish, the users' language, with examples at the end of each command's help."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from . import __version__, exitcodes, paths
from .numparse import format_sv
from .observations import Municipalities, iter_files
from .pipeline import process_to


def _pairs(items: list[str] | None):
    for item in items or []:
        name, sep, muni = item.rpartition("=")
        if not sep or not name.strip() or not muni.strip():
            raise ValueError(f"--municipality-for väntar FIL=KOMMUN, fick {item!r}")
        yield name.strip(), muni.strip()


def _kinds() -> str:
    """The suffixes of the documents ``parse`` reads: ``.csv .docx … .xlsx``."""
    from .readers import SUFFIXES

    return " ".join(sorted(SUFFIXES))


def _cmd_parse(args: argparse.Namespace) -> int:
    if args.data and args.paths:
        raise SystemExit("ange antingen --data MAPP eller sökvägar, inte båda")
    inputs = [Path(args.data)] if args.data else args.paths or [paths.RAW]
    # a folder or file that is not there is wrong use, as in ``report --data``: exit 2 and
    # nothing written (never empty frames over the earlier ones, never exit 7, which is a
    # file that is there but cannot be opened)
    if args.data and Path(args.data).exists() and not Path(args.data).is_dir():
        print(f"fel: {args.data} är ingen mapp; inget skrevs", file=sys.stderr)
        return EXIT_USAGE
    if missing := [str(p) for p in inputs if not Path(p).exists()]:
        print(f"fel: {', '.join(missing)} finns inte; inget skrevs", file=sys.stderr)
        return EXIT_USAGE
    out = (
        Path(args.out)
        if args.out
        else paths.processed_for(inputs[0])
        if args.data
        else paths.PROCESSED
    )
    try:
        said = Municipalities.of(args.municipality, dict(_pairs(args.municipality_for)))
    except (KeyError, ValueError) as exc:
        raise SystemExit(f"fel: {exc.args[0]}") from None
    files, skipped = iter_files(inputs)
    if not files:  # nothing to read: said, and no empty frames written over earlier ones
        for f in skipped:
            print(f"hoppar över {f}: inte en dokumentfil ({_kinds()})", file=sys.stderr)
        where = ", ".join(str(p) for p in inputs)
        print(f"fel: {where}: inga dokument här (läser {_kinds()}); inget skrevs", file=sys.stderr)
        return EXIT_DOCUMENT
    try:
        done = process_to(
            inputs, out, jobs=args.jobs, municipalities=said,
            progress=sys.stderr.isatty(),  # no bar in a scheduled run's log or mail
        )  # fmt: skip
    except OSError as exc:
        if getattr(args, "debug", False):
            raise
        code, message = _write_failure(exc, out)
        print(f"fel: {message}", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        if getattr(args, "debug", False):
            raise
        print(f"avbrutet: inget i {out} ändrades", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug of ours: one message, the traceback with --debug
        if getattr(args, "debug", False):
            raise
        print(
            f"fel: internt fel under parse ({type(exc).__name__}: {exc}); inget i {out} "
            "ändrades. Kör igen med --debug för hela felutskriften och skicka den gärna "
            "till utvecklarna",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    for s, first in done.duplicates:
        print(f"samma innehåll som {first}: {s} läses inte en gång till", file=sys.stderr)
    for f in done.skipped_files:
        print(f"hoppar över {f}: inte en dokumentfil ({_kinds()})", file=sys.stderr)
    for e in done.errors:
        print(f"fel: {e}", file=sys.stderr)
    read_files = set(done.documents["source"])
    read_files |= {s.rsplit("/", 1)[-1] for s in read_files}  # a file's name alone too
    for name, muni in said.files:
        if name not in read_files:
            print(
                f"varning: --municipality-for {name}={muni}: inget läst dokument heter {name} "
                "(ange filens namn, eller dess sökväg i mappen: undermapp/fil.txt)",
                file=sys.stderr,
            )
    for src, what in done.warnings:
        print(f"varning: {src}: {what}", file=sys.stderr)
    docs = done.documents
    for src in docs.loc[docs["observations"] == 0, "source"] if len(docs) else []:
        print(
            f"obs: {src}: dokumentet gav inga tal (inga tabeller med tal, inga tal med enhet i "
            "texten; det som inte kunde läsas står i parse_report)",
            file=sys.stderr,
        )
    print(
        f"{len(done.documents)} dokument, {done.observations} observationer, "
        f"{done.report_rows} rader i parse_report ({done.report_warnings} varningar, "
        f"{len(done.errors)} fel) -> {out}"
    )
    frames = ", ".join(f"{k} {v}" for k, v in done.frame_rows.items())
    print(f"tabeller: {frames}")
    n_checks = done.frame_rows["checks"]
    print(
        f"summakontroller: {n_checks - done.checks_off} stämmer, {done.checks_off} avviker "
        "(se checks.csv: dokumentets egna summor mot raderna)"
    )
    acc = done.accounting
    print(
        f"bokföring: {format_sv(acc.accounted, 0)} av {format_sv(acc.digit_runs, 0)} tal i "
        "tabellerna är observationer eller rader i parse_report "
        f"({format_sv(acc.accounted_share * 100, 1)} %); {format_sv(acc.printed, 0)} av "
        f"{format_sv(acc.observations, 0)} observationer står på sin rad "
        f"({format_sv(acc.printed_share * 100, 1)} %); {format_sv(acc.lines_read, 0)} av "
        f"{format_sv(acc.table_lines, 0)} tabellrader i hela dokumenten är lästa eller "
        f"rapporterade ({format_sv(acc.lines_share * 100, 1)} %)"
    )
    for u in acc.unread[:20]:
        print(f"  tabellrad som inte lästes: {u['source']}, rad {u['line']}: {u['text']!r}",
              file=sys.stderr)  # fmt: skip
    for lost in acc.lost[:20]:
        print(
            f"  ej bokfört: {lost['source']}, rad {lost['line']}: {lost['text']!r}", file=sys.stderr
        )
    for p in done.written:
        print(f"  {p}")
    if done.unopened:
        return EXIT_UNOPENED
    return EXIT_DOCUMENT if done.errors else EXIT_OK


# Exit codes: one table for every command (exitcodes.py, the README)
EXIT_OK = exitcodes.OK  # every document read
EXIT_DOCUMENT = exitcodes.FAILED  # a document could not be read (the others were)
EXIT_USAGE = exitcodes.USAGE  # wrong arguments (argparse)
EXIT_NOT_WRITABLE = exitcodes.NOT_WRITABLE  # the output folder is read-only or not ours
EXIT_DISK_FULL = exitcodes.DISK_FULL  # the disk filled up; the output folder unchanged
EXIT_UNOPENED = exitcodes.UNOPENED  # an input file could not be opened; the others read
EXIT_INTERNAL = exitcodes.INTERNAL  # a bug of ours; the output folder is unchanged
EXIT_INTERRUPTED = exitcodes.INTERRUPTED  # Ctrl-C; the output folder is unchanged


def _write_failure(exc: OSError, out: Path) -> tuple[int, str]:
    """The exit code and Swedish message for an error writing the output folder."""
    import errno

    where = exc.filename or out
    text = str(exc)
    if exitcodes.is_disk_full(exc) or "errno 28" in text:
        return EXIT_DISK_FULL, (
            f"disken är full (när {where} skrevs): frigör utrymme på disken där {out} ligger, "
            f"eller välj en annan mapp med --out, och kör igen; tabellerna i {out} är orörda"
        )
    if isinstance(exc, PermissionError) or exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        held = (
            " (eller är filen öppen i ett annat program, t.ex. Excel? stäng den)"
            if exc.filename and Path(exc.filename).is_file()
            else ""
        )
        return EXIT_NOT_WRITABLE, (
            f"utmappen {out} går inte att skriva i (skrivskyddad eller utan skrivrätt: {where})"
            f"{held}: välj en annan mapp med --out, eller ge dig skrivrätt till mappen, och "
            "kör igen"
        )
    return EXIT_NOT_WRITABLE, (
        f"kunde inte skriva till {where} ({exc.strerror or text}): kontrollera mappen {out} "
        "och kör igen; tabellerna där är orörda"
    )


def _years(text: list[str]) -> list[int]:
    out: list[int] = []
    for t in text:
        for part in t.split(","):
            a, _, b = part.partition("-")
            out += list(range(int(a), int(b) + 1)) if b else [int(a)]
    return out


def _kolada_target(args: argparse.Namespace, client) -> tuple[list[str], str, dict[str, str]]:
    """The ids to ask for (members, own municipalities, the group's own id) and names."""
    from .kolada import municipality_id, municipality_title, resolve_group

    try:
        own = [municipality_id(m) for m in args.municipality or []]
        grp = resolve_group(args.group, client) if args.group else None
    except KeyError as exc:
        raise SystemExit(f"fel: {exc.args[0]}") from None
    members = own + (grp.members if grp else [])
    group_id = grp.group_id if grp else ""
    names = {m: municipality_title(m) for m in members}
    if grp:
        names.update(grp.names)
        if group_id:
            names[group_id] = grp.title
    ids = list(dict.fromkeys(members + ([group_id] if group_id else [])))
    if not ids:
        raise SystemExit("ange --group (R9, R12, G36573, 0580,0581 …) eller --municipality …")
    return ids, group_id, names


def _kolada_client(args: argparse.Namespace, offline: bool = False):
    from .kolada import KoladaClient

    return KoladaClient(
        base_url=args.base_url,
        cache_dir=args.cache_dir,
        offline=offline,
        max_age_days=args.max_age,
    )


def _kolada_notices(client) -> None:
    """What the client had to say (answers set aside, old answers used), on stderr."""
    for n in client.notices:
        print(f"obs: {n}", file=sys.stderr)


def _cmd_kolada_fetch(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .kolada import KoladaError

    client = _kolada_client(args)
    years = _years(args.years)
    try:
        ids, _, names = _kolada_target(args, client)
        urls = client.data_urls(args.kpi, ids, years)
        rows: list[dict] = []
        show = len(urls) >= 2 and sys.stderr.isatty()
        for url in tqdm(urls, desc="Kolada", unit="anrop", disable=not show):
            rows += client.data_rows(url)
    except KoladaError as exc:
        _kolada_notices(client)
        print(f"fel: {exc}", file=sys.stderr)
        return 1
    _kolada_notices(client)
    got = {(r["kpi"], r["municipality_id"], r["year"]) for r in rows if r["value"] is not None}
    missing = [(k, m, y) for k in args.kpi for m in ids for y in years if (k, m, y) not in got]
    print(
        f"{len(args.kpi)} nyckeltal × {len(ids)} kommuner/grupper × {len(years)} år "
        f"({years[0]}–{years[-1]}): {len(got)} värden, {len(missing)} saknas; "
        f"{client.requests_made} anrop till Kolada, {client.cache_hits} svar ur cachen "
        f"({client.cache_dir})"
    )
    if client.stale_used:
        print(
            f"  {client.stale_used} svar kunde inte hämtas på nytt: cachens äldre svar "
            "användes (se obs: ovan)"
        )
    for k, m, y in missing[:50]:
        print(f"  saknas: {k} {names.get(m, m)} ({m}) {y}")
    if len(missing) > 50:
        print(f"  … och {len(missing) - 50} till")
    return 0


def _cmd_kolada_refresh(args: argparse.Namespace) -> int:
    from .kolada import KoladaError

    client = _kolada_client(args)
    years = _years(args.years) if args.years else None
    ids = None
    try:
        if args.group or args.municipality:
            ids, _, _ = _kolada_target(args, client)
        result = client.refresh(args.kpi, ids, years)
    except KoladaError as exc:
        _kolada_notices(client)
        print(f"fel: {exc}", file=sys.stderr)
        return 1
    _kolada_notices(client)
    total = len(result.refreshed) + len(result.failed)
    if not total:
        print(f"inget i cachen ({client.cache_dir}) att hämta på nytt")
        return 0
    print(
        f"{len(result.refreshed)} av {total} svar hämtade på nytt från Kolada "
        f"({client.requests_made} anrop; cache {client.cache_dir})"
    )
    for url, why, fetched in result.failed:
        kept = f"; cachens svar från {fetched} behålls" if fetched else ""
        print(f"  kunde inte hämtas: {url}{kept}", file=sys.stderr)
        if not fetched:
            print(f"    {why}", file=sys.stderr)
    return 1 if result.failed else 0


def _cmd_kolada_show(args: argparse.Namespace) -> int:
    import pandas as pd

    from .kolada import KoladaError, snapshot
    from .numparse import format_sv

    years = _years(args.years)
    client = _kolada_client(args, offline=True)
    try:
        ids, _, names = _kolada_target(args, client)
    except KoladaError as exc:
        _kolada_notices(client)
        print(f"fel: {exc}", file=sys.stderr)
        return 1
    df = client.stored(args.kpi, ids, years)
    _kolada_notices(client)
    dates = sorted({d for d in df.loc[df["value"].notna(), "fetched"] if d})
    when = f", hämtat {dates[0]}" + (f"–{dates[-1]}" if len(dates) > 1 else "") if dates else ""
    origin = f"Kolada, cache {client.cache_dir}{when}"
    if dates:
        limit = (dt.date.today() - client.max_age).isoformat()
        if dates[0] < limit:
            print(
                f"obs: värden hämtade {dates[0]} är äldre än {format_sv(args.max_age)} dagar; "
                "hämta dem på nytt med `sonanalys kolada fetch …` eller `sonanalys kolada "
                "refresh`",
                file=sys.stderr,
            )
    if df["value"].notna().sum() == 0:
        snap = snapshot()
        df = snap[snap["kpi"].isin(args.kpi) & snap["year"].isin(years)]
        df = df[df["municipality_id"].isin(ids)]
        origin = (
            "ögonblicksbilden data/raw/kolada/snapshot.csv: värden som dokumenten trycker, "
            "inte hämtade från Kolada (hämta med kolada fetch)"
        )
    df = df[df["gender"] == "T"]
    if df.empty:
        print("inga värden i cachen eller ögonblicksbilden: kör `sonanalys kolada fetch` först")
        return 1
    for kpi, g in df.groupby("kpi"):
        wide = g.pivot_table(index="municipality_id", columns="year", values="value", dropna=False)
        print(f"\n{kpi}")
        header = f"{'':<48}" + "".join(f"{y:>12}" for y in wide.columns)
        print(header)
        for mid, row in wide.iterrows():
            label = f"{names.get(mid, mid)} ({mid})"
            cells = "".join(f"{('..' if pd.isna(v) else format_sv(v)):>12}" for v in row.tolist())
            print(f"{label:<48}{cells}")
    print(f"\nkälla: {origin}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report.command import run_command

    return run_command(args)


def _cmd_score(args: argparse.Namespace) -> int:
    from .factcheck import per_document, read_facts, score
    from .pipeline import load

    try:
        facts = read_facts(args.facts)
    except (OSError, ValueError) as exc:
        raise SystemExit(f"fel: {exc}") from None
    if args.data and args.processed:
        raise SystemExit("fel: ange antingen --data MAPP eller --processed MAPP, inte båda")
    processed = paths.processed_for(args.data) if args.data else args.processed
    try:
        observations = load("observations", processed)
        documents = load("documents", processed)
    except FileNotFoundError as exc:
        raise SystemExit(f"fel: {exc}") from None
    names = {str(s).replace("\\", "/").rsplit("/", 1)[-1] for s in documents["source"]}
    for doc in sorted(set(facts["doc"]) - names):
        print(
            f"varning: {doc}: inget dokument med det namnet i {processed or paths.PROCESSED} "
            "(läs mappen med sonanalys parse --data MAPP och ange samma --data här)",
            file=sys.stderr,
        )
    scored = score(observations, facts)
    for row in per_document(scored).itertuples(index=False):
        print(f"{row.dokument}: {row.hittade} av {row.fakta}")
    for f in scored[~scored["found"]].itertuples(index=False):
        col = f" kolumn ~ {f.col_pattern}" if f.col_pattern else ""
        year = f" år {f.year}" if f.year else ""
        print(f"  saknas: {f.doc}: rad ~ {f.row_pattern}{col}{year} värde {f.value}")
    found, total = int(scored["found"].sum()), len(scored)
    share = format_sv(100 * found / total, 1) if total else "–"
    print(f"{found} av {total} fakta hittade ({share} %)")
    return 0 if total and found / total >= args.min_share / 100 else 1


DESCRIPTION = """\
sonanalys läser socialförvaltningens egna dokument (åtgärdsplaner, delårsrapporter,
internbudget, volymtabeller) och nyckeltal från Kolada till tabeller där varje tal har sin
källa (fil och rad), och gör rapporter för ledningen (HTML, arbetsbok och PDF) utan kod.
Det som inte kunde läsas står i parse_report med fil, rad och varför."""

EXIT_CODES = """\
slutkoder (desamma för alla kommandon; en schemalagd körning kan läsa felet ur dem):
  0    klart
  1    något som begärdes kunde inte göras (ett dokument, en rapport eller PDF, en rapport
       för den begärda perioden, ett Kolada-svar); resten är gjort och meddelandet säger
       vad som misslyckades
  2    fel användning: okänd flagga, period eller inställning, en mapp eller fil som inte
       finns, ingen --municipality där dokumenten inte avgör kommunen; ingenting skrevs
  3    dokumenten har inte den kommun eller period som begärdes; ingenting skrevs
  4    en annan körning håller utmappen (väntade --lock-wait sekunder)
  5    utmappen går inte att skriva i (skrivskyddad, ingen behörighet, en fil som är öppen)
  6    disken är full; utmappen är som förut
  7    en fil eller mapp kunde inte öppnas (ingen läsbehörighet); resten lästes
  70   internt fel (en bugg): en rad, hela felspårningen med --debug
  130  avbrutet (Ctrl-C); utmappen är som förut"""

EXAMPLES = """\
exempel:
  # läs en egen mapp med dokument (tabellerna i en egen mapp under data/processed/mappar/)
  sonanalys parse --data "G:\\Ekonomi\\Delår 2024"
  # rapporterna om samma mapp, för Linköping, till reports/
  sonanalys report --data "G:\\Ekonomi\\Delår 2024" --municipality Linköping
  # bara delårsbilagan, även som PDF
  sonanalys report --only 05 --pdf
  # nyckeltal för R9-jämförelsen (rapport 03) från Kolada
  sonanalys kolada fetch --group R9 --municipality Linköping --kpi N33022 --years 2018-2024
  # hjälp för ett kommando
  sonanalys report --help"""

PARSE_EXAMPLES = """\
exempel:
  # data/raw till data/processed
  sonanalys parse
  # en egen mapp; tabellerna i en egen mapp under data/processed/mappar/
  sonanalys parse --data "G:\\Ekonomi\\Delår 2024"
  # bara två filer, till mappen ut
  sonanalys parse a.pdf b.docx --out ut
  # kommun för dokument som inte säger vilken, och för en fil vad den än säger
  sonanalys parse --data mapp --municipality Örebro --municipality-for plan.docx=Linköping"""

REPORT_EXAMPLES = """\
exempel:
  # alla rapporter om data/raw, till reports/ (öppna reports/index.html)
  sonanalys report
  # en egen mapp, en kommun och ett år
  sonanalys report --data "G:\\Ekonomi\\Delår 2024" --municipality Linköping --year 2024
  # delårsbilagan för januari-augusti, även som PDF, till mappen bilagor
  sonanalys report --only 05 --period jan-aug --pdf --out bilagor
  # exakta tal för förvaltningens eget arbete, inte för spridning
  sonanalys report --profile intern --only 01 02
  # den senaste perioden i dokumenten, med inställningarna ur en fil (schemalagd körning)
  sonanalys report --config bilaga.toml --period auto"""

SCORE_EXAMPLES = """\
exempel:
  sonanalys parse tests/corpus/text --out tmp/p
  sonanalys score tests/corpus/facts.csv --processed tmp/p --min-share 90
  # en egen mapp: samma --data som parse fick
  sonanalys parse --data "G:\\Ekonomi\\Delår 2024"
  sonanalys score fakta.csv --data "G:\\Ekonomi\\Delår 2024"
"""

KOLADA_EXAMPLES = """\
exempel:
  # hämta två nyckeltal för R9 och Linköping, 2018-2024, till cachen
  sonanalys kolada fetch --group R9 --municipality Linköping --kpi N33022 N35001 --years 2018-2024
  # visa dem utan nät
  sonanalys kolada show --group R9 --kpi N33022 --years 2022,2023
  # hämta hela cachen på nytt, oavsett ålder
  sonanalys kolada refresh"""

# argparse's own words, in the help's language
_ERRORS = (
    ("the following arguments are required: ", "dessa argument krävs: "),
    ("unrecognized arguments: ", "okända argument: "),
    ("invalid choice: ", "ogiltigt val: "),
    ("(choose from ", "(välj bland "),
    ("invalid int value: ", "inget heltal: "),
    ("invalid float value: ", "inget tal: "),
    ("expected one argument", "väntar ett värde"),
    ("expected at least one argument", "väntar minst ett värde"),
    ("argument ", "argument "),
)


class _SwedishHelp(argparse.HelpFormatter):
    """Descriptions wrapped to the terminal, paragraph by paragraph; the examples (the
    epilog) as written."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)

    def _fill_text(self, text, width, indent):
        if text.startswith(("exempel:", "slutkoder")):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        fill = super()._fill_text
        return "\n\n".join(fill(par, width, indent) for par in text.split("\n\n"))


class _Parser(argparse.ArgumentParser):
    """argparse with its own words (usage, sections, -h, errors) in Swedish."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _SwedishHelp)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str):
        for en, sv in _ERRORS:
            message = message.replace(en, sv)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="sonanalys", description=DESCRIPTION, epilog=f"{EXIT_CODES}\n\n{EXAMPLES}")
    ap.add_argument(
        "--version",
        action="version",
        version=f"sonanalys {__version__}",
        help="visa versionen och avsluta",
    )
    sub = ap.add_subparsers(dest="command", required=True, title="kommandon", metavar="KOMMANDO")
    p = sub.add_parser(
        "parse",
        help="läs dokument till tabeller (observations, parse_report, atgarder, …)",
        description="Läser dokumenten (.txt .md .pdf .docx .xlsx .xls .csv .html) till tabeller: "
        "observations (ett tal per rad, med fil och rad), parse_report (det som inte gav "
        "något värde, och varför) och domäntabellerna (atgarder, placements, varddygn, …), "
        "som CSV, parquet och en arbetsbok, sonanalys.xlsx.",
        epilog=PARSE_EXAMPLES,
    )
    p.add_argument(
        "paths", nargs="*", metavar="SÖKVÄG", help="filer eller mappar (standard: data/raw)"
    )
    p.add_argument(
        "--data",
        metavar="MAPP",
        help="en mapp med dokument (t.ex. på en nätverksdisk); tabellerna hamnar i en egen mapp "
        "under data/processed/mappar/, aldrig över tabellerna från data/raw",
    )
    p.add_argument(
        "--out",
        metavar="MAPP",
        help="utmapp (standard: data/processed, eller med --data mappens egen)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        default=os.cpu_count() or 1,
        help="dokument som läses samtidigt, i egna processer (standard: antalet kärnor); "
        "resultatet är detsamma för alla värden",
    )
    p.add_argument(
        "--municipality",
        metavar="KOMMUN",
        help="kommun för dokument som inte själva säger vilken (namn eller Kolada-id); "
        "sparas i manifest.json och gäller också när en rapport parsar om",
    )
    p.add_argument(
        "--municipality-for",
        action="append",
        metavar="FIL=KOMMUN",
        help="kommun för en namngiven fil, vad den än säger (kan upprepas)",
    )
    p.add_argument(
        "--debug",
        action="store_true",
        help="visa hela felutskriften (traceback) om något oväntat går fel",
    )
    p.set_defaults(func=_cmd_parse)

    sc = sub.add_parser(
        "score",
        help="jämför en parse med handkontrollerade fakta och räkna träffarna per dokument",
        description="Jämför det som parse skrev med handkontrollerade fakta (CSV med "
        "kolumnerna doc, kind, row_pattern, col_pattern, year, value) och skriver hur många "
        "som hittades, per dokument, och vilka som saknas.",
        epilog=SCORE_EXAMPLES,
    )
    sc.add_argument("facts", metavar="FAKTA", help="faktafilen (CSV)")
    sc.add_argument(
        "--processed",
        metavar="MAPP",
        help="mappen som parse skrev (standard: data/processed)",
        default=None,
    )
    sc.add_argument(
        "--data",
        metavar="MAPP",
        help="dokumentmappen som parse --data läste (dess tabeller under data/processed/mappar/)",
        default=None,
    )
    sc.add_argument(
        "--min-share",
        type=float,
        metavar="PROCENT",
        default=95.0,
        help="lägsta andel hittade fakta i procent för slutkod 0 (standard: 95)",
    )
    sc.set_defaults(func=_cmd_score)

    r = sub.add_parser(
        "report",
        help="kör notebookarna och gör rapporter utan kod (HTML, arbetsbok, PDF)",
        description="Läser dokumenten (om tabellerna är äldre än dem), kör de fem "
        "notebookarna (01_placeringar, 02_varddygn, 03_r9, 04_atgarder, 05_delarsrapport) och "
        "skriver en HTML-rapport utan kod för var och en, med dess tabeller som arbetsbok "
        "bredvid, och index.html. En rapport vars underlag, parametrar och kod är oförändrade "
        "körs inte om.",
        epilog=REPORT_EXAMPLES,
    )
    r.add_argument(
        "--data",
        metavar="MAPP",
        help="dokumentmapp (standard: data/raw); dess tabeller hålls isär från data/raw:s tabeller",
    )
    r.add_argument(
        "--municipality",
        metavar="KOMMUN",
        help="kommunen rapporterna gäller, t.ex. Linköping eller Örebro; en kommun som "
        "dokumenten inte har ger slutkod 3 (standard: dokumentens egen)",
    )
    r.add_argument(
        "--year", type=int, metavar="ÅR", help="rapportens år, t.ex. 2024 (standard: notebookens)"
    )
    r.add_argument(
        "--period",
        metavar="PERIOD",
        help="rapportens period: jan-aug, jan–aug, januari–augusti, T1–T3, tertial 2, delår 2, "
        "helår, eller auto (den senaste perioden i dokumenten); saknar dokumenten perioden "
        "skrivs ingenting och slutkoden är 3 (standard: notebookens)",
    )
    r.add_argument(
        "--only",
        nargs="*",
        metavar="NAMN",
        help="bara dessa notebookar, med en del av namnet: 05 eller delars (standard: alla)",
    )
    r.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="notebookar som körs samtidigt, var och en i en egen kärna (standard: 1)",
    )
    r.add_argument(
        "--timeout",
        type=int,
        metavar="SEKUNDER",
        help="längsta tid för en cell i en notebook; en cell som kör längre stoppas och "
        "rapporten markeras som misslyckad (standard: 600)",
    )
    r.add_argument(
        "--mask-threshold",
        type=int,
        metavar="N",
        help="i profilen ledning visas personantal under N (och tal beräknade ur dem) som .. "
        "(standard: 5)",
    )
    r.add_argument(
        "--profile",
        choices=["ledning", "intern"],
        help="ledning: små personantal maskerade, inga kommandon; intern: exakta tal, inte "
        "för spridning (standard: ledning)",
    )
    r.add_argument(
        "--date",
        metavar="ÅÅÅÅ-MM-DD",
        help="körningens datum som det står i rapporten (standard: i dag)",
    )
    r.add_argument(
        "--group",
        metavar="GRUPP",
        help="jämförelsegrupp för 03: R9 (standard), R12, ett Kolada-grupp-id (G36573) eller "
        "en egen lista (0580,0581,1880)",
    )
    r.add_argument(
        "--kpi",
        nargs="+",
        metavar="NYCKELTAL",
        help="Kolada-nyckeltal för 03, t.ex. N33022 N35001 (standard: notebookens)",
    )
    r.add_argument(
        "--kolada-cache",
        metavar="MAPP",
        help="var hämtade Kolada-värden finns (standard: data/external/kolada)",
    )
    r.add_argument(
        "--pdf",
        action="store_true",
        help="skriv också NAMN.pdf (A4) med en Chromium-baserad webbläsare (Chrome, Edge, "
        'Chromium); kräver tillägget pdf: pip install "sonanalys[pdf]"',
    )
    r.add_argument(
        "--lock-wait",
        type=float,
        metavar="SEKUNDER",
        help="hur länge att vänta om en annan körning skriver till samma mapp (standard: 3600)",
    )
    r.add_argument(
        "--force",
        action="store_true",
        help="kör alla rapporter, även de vars underlag, parametrar och kod är oförändrade",
    )
    r.add_argument(
        "--out",
        metavar="MAPP",
        help="rapportmappen (standard: reports)",
    )
    r.add_argument(
        "--config",
        metavar="FIL",
        help="en TOML-fil med körningens inställningar (kommun, period, grupp, nyckeltal, "
        "rapporter, format, profil, mappar); en flagga på kommandoraden går före filen",
    )
    r.add_argument(
        "--log-dir",
        metavar="MAPP",
        help="mappen för körningens loggfil, en fil per körning (standard: data/logg)",
    )
    r.add_argument("--debug", action="store_true", help="visa hela felspårningen vid fel")
    r.set_defaults(func=_cmd_report)

    from .kolada.client import MAX_AGE_DAYS

    k = sub.add_parser(
        "kolada",
        help="nyckeltal från Kolada (API v3), med cache",
        description="Hämtar nyckeltal från Kolada till en cache (fetch), visar dem utan nät "
        "(show) och hämtar cachens svar på nytt (refresh). Rapport 03 läser cachen; ett "
        "cachat svar äldre än --max-age hämtas på nytt.",
        epilog=KOLADA_EXAMPLES,
    )
    ksub = k.add_subparsers(
        dest="kolada_command", required=True, title="kommandon", metavar="KOMMANDO"
    )
    for name, func, helptext in (
        ("fetch", _cmd_kolada_fetch, "hämta värden till cachen (med förloppsindikator)"),
        ("show", _cmd_kolada_show, "visa värden ur cachen eller ögonblicksbilden, utan nät"),
        (
            "refresh",
            _cmd_kolada_refresh,
            "hämta cachens svar på nytt, oavsett ålder (alla, eller de för --kpi/--group/--years)",
        ),
    ):
        refresh = name == "refresh"
        kp = ksub.add_parser(name, help=helptext, description=helptext.capitalize() + ".",
                             epilog=KOLADA_EXAMPLES)  # fmt: skip
        kp.add_argument(
            "--kpi",
            nargs="+",
            required=not refresh,
            metavar="NYCKELTAL",
            help="nyckeltal, t.ex. N33022 N35001",
        )
        kp.add_argument(
            "--group",
            metavar="GRUPP",
            help="jämförelsegrupp: R9, R12 (Koladas referensdata, groups.csv), ett "
            "Kolada-grupp-id (G36573) eller en egen lista (0580,0581,1880 eller "
            "Linköping,Norrköping)",
        )
        kp.add_argument(
            "--municipality",
            nargs="*",
            metavar="KOMMUN",
            help="kommuner, med id eller namn: 0580 Örebro",
        )
        kp.add_argument(
            "--years",
            nargs="+",
            required=not refresh,
            metavar="ÅR",
            help="år, som intervall eller lista: 2018-2024 eller 2022,2023",
        )
        kp.add_argument(
            "--base-url",
            metavar="URL",
            default="https://api.kolada.se/v3",
            help="Koladas adress (standard: https://api.kolada.se/v3)",
        )
        kp.add_argument(
            "--cache-dir",
            metavar="MAPP",
            default=None,
            help="cachen (standard: data/external/kolada)",
        )
        kp.add_argument(
            "--max-age",
            type=float,
            default=MAX_AGE_DAYS,
            metavar="DAGAR",
            help=f"ett cachat svar äldre än så hämtas på nytt (standard: {MAX_AGE_DAYS:g} dagar)",
        )
        kp.set_defaults(func=func)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
