"""sonanalys: socialförvaltningens dokument och nyckeltal till tidy data.

The library's first job, reading documents::

    import sonanalys
    doc = sonanalys.read("data/raw/002_internbudget_2024_linkoping_son.txt")
    obs = sonanalys.observations(["data/raw"])
    atgarder = sonanalys.load("atgarder")   # a domain frame from data/processed
"""

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
