"""The wheel carries what the library needs to run outside a checkout: the build copies
Kolada's reference data (``data/raw/kolada``) and the report notebooks (``notebooks``)
into the package as ``sonanalys/_data/kolada`` and ``sonanalys/_data/notebooks``, where
``sonanalys.paths`` finds them through ``importlib.resources``. The files stay where they
are edited; an editable install and ``PYTHONPATH=lib`` read them there. Everything else
about the package is in ``pyproject.toml``."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# folder in the package <- (folder in the checkout, the files taken)
SHIPPED = {
    "kolada": (HERE / "data" / "raw" / "kolada", ("*.csv", "README.md")),
    "notebooks": (HERE / "notebooks", ("*.ipynb",)),
}


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the checkout's own files are read (paths.py)
        for name, (src, patterns) in SHIPPED.items():
            files = sorted({f for p in patterns for f in src.glob(p) if f.is_file()})
            if not files:
                raise SystemExit(f"the wheel needs {src}, which holds none of {patterns}")
            dst = Path(self.build_lib) / "sonanalys" / "_data" / name
            dst.mkdir(parents=True, exist_ok=True)
            for f in files:
                self.copy_file(str(f), str(dst / f.name))


setup(cmdclass={"build_py": BuildWithData})
