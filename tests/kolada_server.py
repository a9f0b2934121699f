"""A Kolada v3 on loopback that answers from real saved v3 output (tests/fixtures/kolada and
data/raw/kolada; sources in tests/fixtures/kolada/README.md), in v3's own shapes:

- ``/data/kpi/{ids}/municipality/{ids}[/year/{years}]``: ``{"values": [{"kpi",
  "municipality", "period", "values": [{"gender", "count", "status", "value"}]}],
  "count", "next_url"}`` filtered from the real rows; more than 25 ids in a segment
  answer 422; ``per_page`` pages through ``next_url``;
- ``/municipality``, ``/kpi`` (``?title=`` filters), ``/municipality_groups`` (members as
  ``member_id``/``member_title``) and ``/municipality_groups/{id}``.

``extra`` rows can be added (e.g. a ``Missing`` value); every request is logged.
"""

from __future__ import annotations

import contextlib
import csv
import json
import socketserver
import ssl
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from sonanalys import paths

FIXTURES = Path(__file__).parent / "fixtures" / "kolada"


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def real_values() -> list[dict]:
    """values_real.csv as v3 data rows (status "" and count 1, as saved)."""
    return [
        {
            "kpi": r["kpi"],
            "municipality": r["municipality_id"],
            "period": int(r["year"]),
            "values": [
                {"gender": r["gender"], "count": 1, "status": "", "value": float(r["value"])}
            ],
        }
        for r in _csv(FIXTURES / "values_real.csv")
    ]


def real_groups() -> list[dict]:
    groups: dict[str, dict] = {}
    for r in _csv(FIXTURES / "group_members.csv"):
        g = groups.setdefault(r["group_id"], {"id": r["group_id"], "title": r["group_title"]})
        g.setdefault("members", []).append(
            {"member_id": r["member_id"], "member_title": r["member_title"]}
        )
    return list(groups.values())


def real_kpis() -> list[dict]:
    """kpi_metadata.csv in v3's key order, booleans as JSON booleans."""
    out = []
    for r in _csv(paths.KOLADA_REF / "kpi_metadata.csv"):
        row = dict(r)
        for k in ("is_divided_by_gender", "has_ou_data"):
            row[k] = r[k] == "True"
        out.append(row)
    return out


def real_municipalities() -> list[dict]:
    return _csv(paths.KOLADA_REF / "municipalities.csv")


class LoopbackJSON:
    """A JSON HTTP server on 127.0.0.1 (a free port): ``answer(path)`` gives
    ``(status, body, delay)`` for each GET; every request path is logged."""

    def __init__(self, answer: Callable[[str], tuple[int, dict | str, float]]):
        self.log: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.log.append(self.path)
                status, body, delay = answer(self.path)
                if delay:
                    time.sleep(delay)
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v3"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class RealKolada(LoopbackJSON):
    def __init__(self, per_page: int = 5000, group_shape: str = "object"):
        self.data = real_values()
        self.groups = real_groups()
        self.kpis = real_kpis()
        self.municipalities = real_municipalities()
        self.per_page = per_page
        self.group_shape = group_shape  # "object" or "values"
        super().__init__(lambda path: (*self.answer(path), 0.0))

    # ------------------------------------------------------------------ answers
    def _listing(self, rows: list[dict], query: dict) -> dict:
        title = query.get("title", [""])[0].casefold()
        rows = [r for r in rows if title in r.get("title", "").casefold()]
        return {"values": rows, "count": len(rows), "next_url": None}

    def answer(self, raw: str) -> tuple[int, dict]:
        u = urlparse(raw)
        parts = [unquote(p) for p in u.path.split("/") if p][1:]  # drop "v3"
        query = parse_qs(u.query)
        if any(len(p.split(",")) > 25 for p in parts):
            return 422, {"error": "Too many ids"}
        if parts == ["municipality"]:
            return 200, self._listing(self.municipalities, query)
        if parts == ["kpi"]:
            return 200, self._listing(self.kpis, query)
        if parts == ["municipality_groups"]:
            return 200, self._listing(self.groups, query)
        if len(parts) == 2 and parts[0] == "municipality_groups":
            hit = [g for g in self.groups if g["id"] == parts[1]]
            if self.group_shape == "values":
                return 200, {"values": hit, "count": len(hit), "next_url": None}
            return (200, hit[0]) if hit else (404, {"error": "not found"})
        if len(parts) >= 4 and parts[:1] == ["data"] and parts[1] == "kpi":
            kpis = set(parts[2].split(","))
            munis = set(parts[4].split(","))
            years = {int(y) for y in parts[6].split(",")} if len(parts) >= 7 else None
            rows = [
                r
                for r in self.data
                if r["kpi"] in kpis
                and r["municipality"] in munis
                and (years is None or r["period"] in years)
            ]
            page = int(query.get("page", ["1"])[0])
            size = int(query.get("per_page", [str(self.per_page)])[0])
            size = min(size, self.per_page)
            chunk = rows[(page - 1) * size : page * size]
            nxt = None
            if page * size < len(rows):
                nxt = f"{self.url}{u.path[3:]}?per_page={size}&page={page + 1}"
            return 200, {"values": chunk, "count": len(chunk), "next_url": nxt}
        return 404, {"error": "not found"}


def self_signed(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A server TLS context for 127.0.0.1 with a self-signed certificate (made with
    ``cryptography``), and the certificate's path for the client to trust."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert_path, key_path)
    return ctx, cert_path


def http_reply(
    status: int,
    body: bytes | str | dict,
    headers: dict[str, str] | None = None,
    content_type: str = "application/json; charset=utf-8",
    length: int | None = None,
) -> bytes:
    """The bytes of an HTTP/1.1 answer (``Connection: close``); ``length`` overrides the
    ``Content-Length`` (None: the body's; -1: none, the body ends when the server hangs
    up)."""
    if isinstance(body, dict):
        body = json.dumps(body, ensure_ascii=False)
    data = body.encode() if isinstance(body, str) else body
    head = [f"HTTP/1.1 {status} X", f"Content-Type: {content_type}", "Connection: close"]
    if length != -1:
        head.append(f"Content-Length: {len(data) if length is None else length}")
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + data


class HostileKolada:
    """A raw HTTP server on 127.0.0.1 (a free port) that plays a script per request:
    ``script(path)`` gives the pieces ``(bytes, pause)`` sent in turn, each followed by
    its pause in seconds; then the connection is closed. A client that hangs up ends the
    script. The scripts are finite, so the server is bounded in bytes and time. Every
    request path is logged."""

    def __init__(
        self,
        script: Callable[[str], list[tuple[bytes, float]]],
        tls: ssl.SSLContext | None = None,
    ):
        self.log: list[str] = []
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                line = self.rfile.readline(65537).decode("latin-1").split()
                while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                    pass
                path = line[1] if len(line) > 1 else "/"
                outer.log.append(path)
                for data, pause in script(path):
                    try:
                        self.wfile.write(data)
                        self.wfile.flush()
                    except OSError:
                        return
                    if pause:
                        time.sleep(pause)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

            def get_request(self):
                sock, addr = super().get_request()
                return (tls.wrap_socket(sock, server_side=True), addr) if tls else (sock, addr)

        self.server = Server(("127.0.0.1", 0), Handler)
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}/v3"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
