"""sonanalys: socialförvaltningens dokument och nyckeltal till tidy data.

The library's first job, reading documents::

    import sonanalys
    doc = sonanalys.read("data/raw/002_internbudget_2024_linkoping_son.txt")
    obs = sonanalys.observations(["data/raw"])
"""

from .model import Document, DocumentError
from .numparse import format_sv, parse_number, read_cell
from .observations import observations, parse
from .readers import read

__all__ = [
    "Document",
    "DocumentError",
    "format_sv",
    "observations",
    "parse",
    "parse_number",
    "read",
    "read_cell",
]
__version__ = "0.1.0"
