"""sonanalys: socialförvaltningens dokument och nyckeltal till tidy data.

One's own folder of documents, in two lines::

    import sonanalys
    data = sonanalys.load("C:/Users/ekonom/delarsrapporter")   # a Dataset
    data.budget, data.varddygn, data.checks, data.parse_report  # pandas DataFrames

and the pieces underneath::

    doc = sonanalys.read("data/raw/002_internbudget_2024_linkoping_son.txt")  # a Document
    result = sonanalys.parse("data/raw")          # a folder (str or Path) or a list of them
    obs = sonanalys.observations("data/raw")      # one row per printed value

In a notebook, ``from sonanalys.notebook import *`` gives ``setup``, ``load``, ``say`` and
the report helpers. Names in code are English; what users read is Swedish.
"""

import os

# Arrow's own allocator keeps the memory it frees; the C library's gives it back when
# asked (io.release_memory), so a long run stays the size of one batch. Set before
# pandas loads Arrow; an explicit choice in the environment wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from .dataset import Dataset, load
from .model import Document, DocumentError
from .numparse import format_sv, parse_number, read_cell
from .observations import ParseResult, observations, parse
from .readers import read

__all__ = [
    "Dataset",
    "Document",
    "DocumentError",
    "ParseResult",
    "format_sv",
    "load",
    "observations",
    "parse",
    "parse_number",
    "read",
    "read_cell",
]
__version__ = "0.1.0"
