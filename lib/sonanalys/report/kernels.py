"""The report run's warm kernels: one per worker, started ahead, reset before each
notebook to the state of a new kernel, each with its client kept for all its notebooks;
and the papermill engine that executes a notebook on such a kernel and client.

Why not a new kernel (and client) per notebook, as papermill does by default: a kernel's
start and the imports every notebook makes (pandas, matplotlib, the library) cost about
2-4 s, and every new client waits about 0,2 s for the kernel's stray output to stop
(jupyter_client's ``wait_for_ready``) before it is used.

The kernel is our own, ``sonanalys`` (``kernel_spec``): ipykernel on the interpreter that
runs the command, resolved here and never looked up among the kernel specs Jupyter finds.
A ``python3`` kernel spec of another installation (Anaconda's, on ``JUPYTER_PATH`` or in
the user's Jupyter folder) can therefore not take a run over. A kernel that cannot start,
or cannot import what the reports need, is a Swedish message naming the kernel
(``KernelError``).
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path

# Run in a warm kernel once, right after it starts: what every notebook imports, and the
# state a notebook finds after those imports, kept to be put back before each notebook.
# Last, the objects made so far (the imported modules' own, alive for as long as the
# kernel) are frozen out of the garbage collector's reach: every collection, and the
# one ``%reset`` makes before each notebook, then looks only at what notebooks made.
_WARM_UP = """
import sys as _s, types as _t, warnings as _w, gc as _gc
import matplotlib as _m, matplotlib.pyplot as _p, pandas as _pd, numpy as _np, seaborn as _sns
import IPython.display, sonanalys, sonanalys.report.present, sonanalys.analysis
_st = _s.modules["__sonanalys_kernel_state__"] = _t.ModuleType("__sonanalys_kernel_state__")
_st.rc, _st.filters = dict(_m.rcParams), list(_w.filters)
_st.np_print = _np.get_printoptions()
del _s, _t, _w, _m, _p, _pd, _np, _sns, _st
_gc.collect()
_gc.freeze()
del _gc
"""
# Before each notebook: nothing of the one before stays — its names, figures, matplotlib
# and pandas settings, warning filters and the record of warnings already shown — and the
# cells count from 1 again, as in a new kernel.
_RESET = """
%reset -f
import sys as _s, warnings as _w
_st = _s.modules["__sonanalys_kernel_state__"]
import matplotlib as _m, matplotlib.pyplot as _p, pandas as _pd, numpy as _np, seaborn as _sns
_p.close("all")
with _w.catch_warnings():
    _w.simplefilter("ignore")
    _m.rcParams.update(_st.rc)
    _pd.reset_option("all")
_np.set_printoptions(**_st.np_print)
_w.filters[:] = _st.filters
for _mod in list(_s.modules.values()):
    _reg = getattr(_mod, "__warningregistry__", None)
    if isinstance(_reg, dict):
        _reg.clear()
get_ipython().execution_count = 1
del _s, _w, _st, _m, _p, _pd, _np, _mod, _reg
"""

_KERNEL_FOLDER = "sonanalys-kernel-"  # + the run's process id: a kernel's sockets
ENGINE = "sonanalys-warm"  # the papermill engine below
KERNEL_NAME = "sonanalys"  # our kernel spec (``kernel_spec``), never another ``python3``
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


# the errors whose message is written for the user, in Swedish: ValueError (the notebooks'
# own checks: setup's municipality, period and profile) and the library's own errors
SWEDISH_ERRORS = frozenset(
    {
        "ValueError",
        "DocumentError",
        "Unopened",
        "LimitExceeded",
        "ConfigError",
        "PeriodError",
        "PeriodMissing",
        "KoladaError",
        "TransportError",
        "BadAnswer",
        "KernelError",
    }
)


def failure(name: str, ename: str, evalue: str) -> str:
    """What a report run says of notebook ``name`` stopped by a cell's ``ename: evalue``:
    the notebook's name and the message alone where it is written for the user
    (:data:`SWEDISH_ERRORS`: ``05_delarsrapport: kommunen 'Örbro' finns inte i
    underlaget …``), never papermill's or Python's class names; any other error is
    unexpected and keeps its kind for the developers (``oväntat fel (KeyError: 'x')``)."""
    text = _plain(str(evalue)).strip()
    if ename in SWEDISH_ERRORS and text:
        return f"{name}: {text}"
    return f"{name}: oväntat fel ({ename}: {text})" if text else (f"{name}: oväntat fel ({ename})")


class KernelError(RuntimeError):
    """Our kernel could not start or be prepared; the message (Swedish) names the kernel,
    its interpreter and why."""


def kernel_spec():
    """The ``sonanalys`` kernel: ipykernel on the interpreter running this process (so the
    reports run on the library and packages this command runs on)."""
    from jupyter_client.kernelspec import KernelSpec

    return KernelSpec(
        argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        display_name=f"sonanalys (Python {sys.version_info.major}.{sys.version_info.minor})",
        language="python",
        metadata={"debugger": True},
    )


def _kernel_specs():
    """A kernel spec manager that knows our kernel only: nothing on ``JUPYTER_PATH``, in the
    user's or the system's Jupyter folders is consulted."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    class OwnKernelSpecs(KernelSpecManager):
        def find_kernel_specs(self) -> dict[str, str]:
            return {KERNEL_NAME: ""}

        def get_kernel_spec(self, kernel_name: str):
            if kernel_name != KERNEL_NAME:
                raise NoSuchKernel(kernel_name)
            return kernel_spec()

        def get_all_specs(self) -> dict:
            return {KERNEL_NAME: {"resource_dir": "", "spec": kernel_spec().to_dict()}}

    return OwnKernelSpecs()


def _kernel_label() -> str:
    return f"Kärnan {KERNEL_NAME} ({sys.executable})"


def _plain(text: str) -> str:
    return _ANSI.sub("", text).strip()


class Kernel:
    """A started kernel and the client this process talks to it through: one client per
    thread that uses the kernel (the thread that warms it up, then the worker that runs
    its notebooks), kept for as long as that thread uses it.

    The client is asynchronous. nbclient waits for a cell's output and for its reply at
    once, with asyncio; a blocking client blocks the event loop while it waits for output,
    so a cell that runs past the timeout was never stopped."""

    def __init__(self, km) -> None:
        self.km = km
        self.kc = None
        self._thread: int | None = None  # the thread whose client ``kc`` is

    def client(self):
        """This thread's client, connected, the kernel answering."""
        from jupyter_core.utils import ensure_event_loop, run_sync

        if self.kc is not None and self._thread == threading.get_ident():
            return self.kc
        self._stop_client()  # two clients of one kernel share an identity: one at a time
        # the client's sockets belong to this thread's loop; on Windows a selector loop, which
        # zmq's asyncio sockets need (as papermill sets it for its own client there)
        ensure_event_loop(prefer_selector_loop=True)
        kc = self.km.client()  # asynchronous: see ``Kernels._new``
        kc.start_channels()
        self.kc, self._thread = kc, threading.get_ident()
        run_sync(kc.wait_for_ready)(timeout=120)
        return kc

    def run(self, code: str) -> None:
        """Execute ``code``, its output unseen; an error in it is raised here."""
        from jupyter_core.utils import run_sync

        reply = run_sync(self.client().execute_interactive)(
            code, store_history=False, timeout=120, output_hook=lambda _msg: None
        )
        content = reply["content"]
        if content["status"] != "ok":
            why = _plain(f"{content.get('ename', '')}: {content.get('evalue', '')}")
            raise KernelError(f"{_kernel_label()} kunde inte förberedas: {why}")

    def is_alive(self) -> bool:
        return self.km.is_alive()

    def _stop_client(self) -> None:
        kc, self.kc, self._thread = self.kc, None, None
        if kc is not None:
            with contextlib.suppress(Exception):
                kc.stop_channels()

    def shutdown(self) -> None:
        self._stop_client()
        with contextlib.suppress(Exception):
            if self.km.is_alive():
                self.km.shutdown_kernel(now=True)


class Kernels:
    """One warm kernel per worker thread, started in the notebooks folder: pandas,
    matplotlib and the library are imported once per run, not once per notebook. Before
    each notebook the kernel is reset to the state a new kernel has after those imports
    (``_RESET``); a kernel whose notebook failed is shut down and the next notebook gets
    a new one, so an error or a timeout never leaks into another report."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Kernel] = []
        self._ready: queue.Queue = queue.Queue()  # kernels started ahead, warmed up
        self._ahead = 0
        self._starting: list = []  # threads starting kernels ahead
        self._folders: list[str] = []  # each kernel's private folder of sockets (POSIX)

    def start_ahead(self, n: int) -> None:
        """Start ``n`` kernels in the background now, so their start and imports overlap
        the run's own preparations (checking the processed data, importing papermill)."""
        import jupyter_client  # noqa: F401  # imported here, not in two threads at once

        def start() -> None:
            try:
                self._ready.put(self._new())
            except Exception as exc:  # get() starts one itself and says why it fails
                self._ready.put(exc)

        self._ahead += n
        for _ in range(n):
            t = threading.Thread(target=start, daemon=True)
            t.start()
            self._starting.append(t)

    def _new(self) -> Kernel:
        from jupyter_client import KernelManager

        km = KernelManager(
            kernel_name=KERNEL_NAME,
            kernel_spec_manager=_kernel_specs(),  # ours only: see the module's docstring
            client_class="jupyter_client.asynchronous.AsyncKernelClient",  # see ``Kernel``
            **self._sockets(),
        )
        # the kernel's own start-up warnings (e.g. "running over TCP", on Windows) are not the
        # user's business; its errors still reach stderr. No input history: the cell
        # count starts from 1 for every notebook, and IPython's history database would
        # print "Session/line number was not unique" into a report
        try:
            km.start_kernel(
                cwd=str(self.cwd),
                extra_arguments=["--log-level=ERROR", "--HistoryManager.enabled=False"],
            )
        except Exception as exc:
            raise KernelError(
                f"{_kernel_label()} kunde inte startas: {type(exc).__name__}: {_plain(str(exc))}"
            ) from exc
        kernel = Kernel(km)
        with self._lock:
            self._all.append(kernel)
        try:
            kernel.run(_WARM_UP)
        except KernelError:
            raise
        except Exception as exc:  # e.g. the kernel died before it answered
            kernel.shutdown()
            raise KernelError(
                f"{_kernel_label()} svarade inte efter start: {type(exc).__name__}: "
                f"{_plain(str(exc))}"
            ) from exc
        return kernel

    def _sockets(self) -> dict:
        """Where a kernel and this process talk. On POSIX: Unix sockets in a private
        folder made for the kernel. Over TCP, ports are picked free and bound by the
        kernel a moment later, and a connection this process opens to another kernel
        meanwhile can take one (seen with two kernels starting at once: "Address
        already in use"); a folder of sockets cannot be taken. The folder's path is
        short, as a socket's must be (104 bytes on macOS): under a temporary folder whose
        path is too long for that, and on Windows, TCP as before."""
        if os.name != "posix":
            return {}
        with self._lock:
            if not self._folders:  # once a run: what killed runs left behind
                sweep_kernel_folders()
            folder = tempfile.mkdtemp(prefix=f"{_KERNEL_FOLDER}{os.getpid()}-")
            self._folders.append(folder)
        if len(os.fsencode(Path(folder) / "k-ipc-99")) > 100:
            return {}
        return {"transport": "ipc", "connection_file": str(Path(folder) / "k.json")}

    def get(self) -> Kernel:
        """This thread's kernel, reset for the next notebook."""
        kernel = getattr(self._local, "kernel", None)
        if kernel is None or not kernel.is_alive():
            kernel = None
            with self._lock:
                ahead = self._ahead > 0
                self._ahead -= ahead
            if ahead:
                got = self._ready.get()
                kernel = got if not isinstance(got, Exception) else None
            self._local.kernel = kernel = kernel or self._new()
        kernel.run(_RESET)
        return kernel

    def discard(self) -> None:
        """Shut this thread's kernel down (its notebook failed: its state is unknown)."""
        kernel = getattr(self._local, "kernel", None)
        self._local.kernel = None
        if kernel is not None:
            kernel.shutdown()

    def close(self) -> None:
        for t in self._starting:  # a kernel still starting is shut down too
            t.join(timeout=180)
        with self._lock:
            kernels, self._all = self._all, []
        for kernel in kernels:
            kernel.shutdown()
        with self._lock:
            folders, self._folders = self._folders, []
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def execute(src: Path, executed: Path, params: dict, timeout: int, kernels: Kernels) -> str:
    """Run notebook ``src`` into ``executed`` on this worker's warm kernel; the error, or
    ``""``. A kernel whose notebook failed is discarded."""
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    _register_engine()
    try:
        kernel = kernels.get()
        pm.execute_notebook(
            str(src),
            str(executed),
            parameters=params,
            kernel_name=KERNEL_NAME,
            language="python",  # papermill's parameter cell: Python's, whatever the name
            engine_name=ENGINE,
            execution_timeout=timeout,
            progress_bar=False,
            # papermill writes the whole notebook before and after every cell (a second
            # of a run); it is written once at the end, and where a run stops early
            request_save_on_cell_execute=False,
            stopped_to=str(executed),
            km=kernel.km,  # this worker's warm kernel, started in the notebooks folder
            ready_kc=kernel.client(),  # and its client, connected and ready
        )
    except Exception as exc:  # the executed copy shows the error; the run goes on
        kernels.discard()
        if isinstance(exc, KernelError):  # Swedish already, naming the kernel
            return str(exc)
        if isinstance(exc, PapermillExecutionError):  # a cell's error: its own message
            return failure(src.stem, exc.ename, exc.evalue)
        if isinstance(exc, CellTimeoutError):  # not a kernel that did not answer the reset
            return (
                f"{src.stem}: en cell kördes längre än tidsgränsen ({timeout} s "
                "per cell) och stoppades"
            )
        why = (str(exc).strip().splitlines() or [""])[-1]
        if isinstance(exc, TimeoutError):  # the kernel, not a cell (the reset's own wait)
            return f"{src.stem}: kärnan svarade inte i tid ({why})"
        return failure(src.stem, type(exc).__name__, why)
    return ""


_engine_lock = threading.Lock()
_engine_registered = False


def _register_engine() -> None:
    """Papermill's nbclient engine, but on a client that is already connected and ready:
    nbclient connects a new client for every notebook and waits for it to be ready (about
    0,2 s, and the client is never closed when the kernel is not its own). A notebook
    stopped by an exception other than a cell's error is written to ``stopped_to``."""
    global _engine_registered
    with _engine_lock:
        if _engine_registered:
            return
        from nbclient.util import run_hook, run_sync
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.engines import NBClientEngine, logger, papermill_engines
        from papermill.iorw import write_ipynb

        class ReadyClient(PapermillNotebookClient):
            def __init__(self, nb_man, ready_kc, **kw) -> None:
                super().__init__(nb_man, **kw)
                self._ready_kc = ready_kc

            async def async_start_new_kernel_client(self):
                self.kc = self._ready_kc
                self.kc.allow_stdin = False
                await run_hook(self.on_notebook_start, notebook=self.nb)
                return self.kc

            # nbclient's synchronous twin wraps its own method, not an override
            start_new_kernel_client = run_sync(async_start_new_kernel_client)

        class ReadyEngine(NBClientEngine):
            @classmethod
            def execute_managed_notebook(
                cls,
                nb_man,
                kernel_name,
                *,
                ready_kc,
                stopped_to,
                log_output=False,
                stdout_file=None,
                stderr_file=None,
                start_timeout=60,
                execution_timeout=None,
                **kwargs,
            ):
                # as papermill's NBClientEngine does, with the client handed in
                kwargs.pop("input_path", None)
                client = ReadyClient(
                    nb_man,
                    ready_kc,
                    timeout=execution_timeout,
                    startup_timeout=start_timeout,
                    kernel_name=kernel_name,
                    log=logger,
                    log_output=log_output,
                    stdout_file=stdout_file,
                    stderr_file=stderr_file,
                    **kwargs,
                )
                try:
                    return client.execute()
                except BaseException:
                    # a cell that raised is written by papermill; one that ran past the
                    # timeout (or a kernel that died) only here: the cells run so far
                    write_ipynb(nb_man.nb, stopped_to)
                    raise

        papermill_engines.register(ENGINE, ReadyEngine)
        _engine_registered = True


def sweep_kernel_folders() -> None:
    """Remove the kernels' socket folders of runs that were killed (their process is
    gone): a run removes its own when it ends, a killed one cannot. Only this user's."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_KERNEL_FOLDER}*-*"):
        pid = folder.name[len(_KERNEL_FOLDER) :].split("-", 1)[0]
        with contextlib.suppress(OSError):
            if (
                pid.isdigit()
                and folder.stat().st_uid == os.getuid()
                and not process_alive(int(pid))
            ):
                shutil.rmtree(folder, ignore_errors=True)


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` is running. On POSIX signal 0 asks without sending anything;
    on Windows ``os.kill`` would end the process whatever the signal, so the process is
    opened and its exit code read instead (``STILL_ACTIVE`` while it runs)."""
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    if sys.platform != "win32":  # for the type checker: WinDLL exists on Windows only
        raise OSError("Windows only")
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:  # no such process, or one of another user's that exists
        return ctypes.get_last_error() == access_denied
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
