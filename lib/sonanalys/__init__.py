"""sonanalys: socialförvaltningens dokument och nyckeltal till tidy data.

The library's first job, reading documents::

    import sonanalys
    doc = sonanalys.read("data/raw/002_internbudget_2024_linkoping_son.txt")
    obs = sonanalys.observations(["data/raw"])
    atgarder = sonanalys.load("atgarder")   # a domain frame from data/processed
"""

import os

# Arrow's own allocator keeps the memory it frees; the C library's gives it back when
# asked (io.release_memory), so a long run stays the size of one batch. Set before
# pandas loads Arrow; an explicit choice in the environment wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from .model import Document, DocumentError
from .numparse import format_sv, parse_number, read_cell
from .observations import observations, parse
from .pipeline import load
from .readers import read

__all__ = [
    "Document",
    "DocumentError",
    "format_sv",
    "load",
    "observations",
    "parse",
    "parse_number",
    "read",
    "read_cell",
]
__version__ = "0.1.0"
