"""HTTP for the Kolada client, bounded in time and size.

- ``timeout`` is per connect and per read (as in ``requests``); ``deadline`` is the total
  time one request may take, headers and body together: a watchdog shuts the socket when
  it passes, so a server sending a byte every few seconds cannot hold a run.
- ``max_bytes`` bounds the body (its ``Content-Length`` before reading, the bytes read,
  after decompression, while reading).
- A ``Retry-After`` above ``max_retry_after`` is not waited for: the request fails at once
  saying what the server asked for (the cache may then answer).

``get`` returns ``(status, headers, body bytes)`` or raises ``TransportError`` with a
Swedish message; the client decides what a status means.
"""

from __future__ import annotations

import email.utils
import socket
import threading
import time
from contextlib import suppress

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

CHUNK = 64 * 1024

_current = threading.local()


class TransportError(RuntimeError):
    """A request that got no complete answer. ``kind``: ``timeout`` (nothing came within
    the read timeout), ``deadline`` (not whole by the deadline), ``unreachable`` (no
    connection), ``broken`` (the connection or the answer broke off), ``too_large`` or
    ``bad_url``."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


class _Watch:
    """Shuts the request's socket down when the deadline passes."""

    def __init__(self, seconds: float):
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def attach(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sock = sock
            if self.expired:
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        if self._sock is not None:
            with suppress(OSError):
                socket.socket.shutdown(self._sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _attach(sock: socket.socket | None) -> None:
    watch = getattr(_current, "watch", None)
    if watch is not None:
        watch.attach(sock)


class _WatchedHTTPConnection(HTTPConnection):
    def getresponse(self, *args, **kwargs):
        _attach(self.sock)
        return super().getresponse(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def getresponse(self, *args, **kwargs):
        _attach(self.sock)
        return super().getresponse(*args, **kwargs)


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class WatchedAdapter(HTTPAdapter):
    """An adapter whose connections hand their socket to the running request's watchdog."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


def watched(session: requests.Session) -> requests.Session:
    """The session with the watchdog adapter mounted for http and https."""
    adapter = WatchedAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date); None when
    absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    with suppress(TypeError, ValueError, IndexError):
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - (time.time() if now is None else now))
    return None


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f}".replace(".", ",") + " MB"


def get(
    session: requests.Session,
    url: str,
    timeout: float,
    deadline: float,
    max_bytes: int,
) -> tuple[int, dict[str, str], bytes]:
    """One GET within ``deadline`` seconds in all and ``max_bytes`` of body."""
    watch = _Watch(deadline)
    _current.watch = watch
    start = time.monotonic()
    watch.start()
    r = None
    try:
        r = session.get(url, timeout=(min(timeout, deadline), min(timeout, deadline)), stream=True)
        declared = r.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise TransportError(
                f"svaret är {_mb(int(declared))}, mer än gränsen {_mb(max_bytes)}; "
                "be om färre nyckeltal, kommuner eller år per anrop",
                "too_large",
            )
        body = bytearray()
        for chunk in r.iter_content(CHUNK):
            body += chunk
            if len(body) > max_bytes:
                raise TransportError(
                    f"svaret blev större än gränsen {_mb(max_bytes)} och avbröts; "
                    "be om färre nyckeltal, kommuner eller år per anrop",
                    "too_large",
                )
            if watch.expired:
                break
        if watch.expired:
            raise TransportError(_late(deadline, time.monotonic() - start), "deadline")
        return r.status_code, dict(r.headers), bytes(body)
    except TransportError:
        raise
    except requests.Timeout as exc:
        if watch.expired:
            raise TransportError(_late(deadline, time.monotonic() - start), "deadline") from exc
        raise TransportError(f"inget svar inom {_sv(timeout)} s", "timeout") from exc
    except (requests.RequestException, OSError, ValueError) as exc:
        if watch.expired:
            raise TransportError(_late(deadline, time.monotonic() - start), "deadline") from exc
        if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
            raise TransportError(
                f"adressen går inte att använda ({_reason(exc)})", "bad_url"
            ) from exc
        if isinstance(exc, requests.exceptions.InvalidSchema):
            raise TransportError(
                f"adressen går inte att använda ({_reason(exc)})", "bad_url"
            ) from exc
        if r is None and _no_connection(exc):
            raise TransportError(_reason(exc), "unreachable") from exc
        raise TransportError(f"svaret bröts innan det var helt ({_reason(exc)})", "broken") from exc
    finally:
        watch.cancel()
        _current.watch = None
        if r is not None:
            r.close()


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or e in out:
            continue
        out.append(e)
        todo += [e.__cause__, e.__context__, getattr(e, "reason", None)]
    return [e for e in out if isinstance(e, BaseException)]


def _no_connection(exc: BaseException) -> bool:
    """Whether no connection was made (refused, no such host, connect timeout), as
    against one that was made and broke."""
    return any(isinstance(e, NewConnectionError | ConnectTimeoutError) for e in _chain(exc))


def _late(deadline: float, took: float) -> str:
    return (
        f"svaret var inte helt efter {_sv(deadline)} s (gränsen för ett anrop); "
        f"avbröts efter {_sv(round(took, 1))} s"
    )


def _sv(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _reason(exc: BaseException) -> str:
    """The innermost cause's message, short, without the class path."""
    seen = exc
    while seen.__cause__ is not None or seen.__context__ is not None:
        seen = seen.__cause__ or seen.__context__  # type: ignore[assignment]
    text = " ".join(str(seen).split()) or type(seen).__name__
    return text if len(text) <= 160 else text[:160] + " …"
