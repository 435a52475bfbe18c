"""Report stage: the PDF version of the report.

The PDF is the report's HTML laid out by WeasyPrint with the print stylesheet inside that HTML (A4, margins,
running title with the week, page numbers, no break inside a table row or a figure, long tables wrapping), so the
PDF says exactly what the HTML says. WeasyPrint needs the Pango library; where it (or WeasyPrint) is missing,
a plainer PDF is drawn with matplotlib (text pages, one page per figure) and a warning says so.
"""

from __future__ import annotations

import io
import logging
import textwrap
import warnings

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from .document import Block, plain

log = logging.getLogger(__name__)

_W, _H = 8.27, 11.69  # A4 portrait, inches
_MARGIN = 0.7  # inches
_STYLE = {
    "h1": (15, "bold", 0.42),
    "h2": (12, "bold", 0.34),
    "h3": (10, "bold", 0.27),
    "p": (8.5, "normal", 0.165),
    "note": (7.5, "normal", 0.15),
    "ul": (8.5, "normal", 0.165),
    "table": (7, "normal", 0.135),
}
_WRAP = {"p": 108, "note": 125, "ul": 104, "h1": 70, "h2": 85, "h3": 100}


class _Pager:
    def __init__(self, pdf: PdfPages):
        self.pdf, self.fig, self.y = pdf, None, 0.0

    def _new(self):
        self.flush()
        self.fig = Figure(figsize=(_W, _H))
        self.y = _H - _MARGIN

    def flush(self):
        if self.fig is not None:
            self.pdf.savefig(self.fig)
            self.fig = None

    def line(self, text: str, kind: str, indent: float = 0.0, family: str = "sans-serif", gap_before: float = 0.0):
        size, weight, step = _STYLE[kind]
        if self.fig is None or self.y - step - gap_before < _MARGIN:
            self._new()
        else:
            self.y -= gap_before
        self.fig.text(
            (_MARGIN + indent) / _W,
            self.y / _H,
            text,
            fontsize=size,
            fontweight=weight,
            family=family,
            va="top",
            ha="left",
        )
        self.y -= step


def _table_lines(head: list[str], rows: list, max_rows: int = 60, width: int = 150) -> list[str]:
    cells = [[plain(c) for c in r] for r in rows[:max_rows]]
    cols = list(zip(*([head] + cells))) if cells else [(h,) for h in head]
    widths = [min(max(len(x) for x in col), 34) for col in cols]

    def fmt(r):
        return "  ".join((x if len(x) <= w else x[: w - 1] + "…").ljust(w) for x, w in zip(r, widths))[:width]

    lines = [fmt(head), "  ".join("-" * w for w in widths)[:width]] + [fmt(r) for r in cells]
    if len(rows) > max_rows:
        lines.append(f"... {len(rows) - max_rows} more rows in report.html / alerts.csv")
    return lines


def html_to_pdf(html_text: str) -> bytes | None:
    """PDF bytes of `html_text` laid out by WeasyPrint (print media), or None when WeasyPrint or Pango is missing."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from weasyprint import HTML
    except (ImportError, OSError) as e:  # OSError: the Pango/GObject libraries are not installed
        log.warning(
            "WeasyPrint is not usable here (%s); writing the plainer matplotlib PDF instead "
            "(install Pango, e.g. `apt-get install libpango-1.0-0 libpangoft2-1.0-0`, for the full layout)",
            str(e).splitlines()[0] if str(e) else type(e).__name__,
        )
        return None
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return HTML(string=html_text).write_pdf()


def build_pdf(
    blocks: list[Block],
    figures: dict[str, Figure],
    *,
    title: str,
    html_text: str | None = None,
    label: str | None = None,
) -> bytes:
    """PDF bytes of the report: `html_text` through WeasyPrint when given and usable, else the fallback layout."""
    if html_text is not None:
        pdf = html_to_pdf(html_text)
        if pdf is not None:
            return pdf
    return matplotlib_pdf(blocks, figures, title=title)


def matplotlib_pdf(blocks: list[Block], figures: dict[str, Figure], *, title: str) -> bytes:
    """Fallback PDF: the text blocks flowed onto A4 pages, each figure on a page of its own where it is referenced."""
    buf = io.BytesIO()
    with PdfPages(buf, metadata={"Title": title, "Creator": "trends"}) as pdf:
        pg = _Pager(pdf)
        for b in blocks:
            if b.kind in ("h1", "h2", "h3"):
                for i, ln in enumerate(textwrap.wrap(plain(b.content), _WRAP[b.kind]) or [""]):
                    pg.line(ln, b.kind, gap_before=0.18 if i == 0 and b.kind != "h1" else 0)
            elif b.kind in ("p", "note"):
                for ln in textwrap.wrap(plain(b.content), _WRAP[b.kind]):
                    pg.line(ln, b.kind)
                pg.y -= 0.06
            elif b.kind == "ul":
                for item in b.content:
                    for i, ln in enumerate(textwrap.wrap(plain(item), _WRAP["ul"])):
                        pg.line(("• " if i == 0 else "  ") + ln, "ul", indent=0.1)
                pg.y -= 0.06
            elif b.kind == "table":
                head, rows = b.content
                for ln in _table_lines(head, rows):
                    pg.line(ln, "table", family="monospace")
                pg.y -= 0.08
            elif b.kind == "figure":
                name, caption = b.content
                pg.flush()
                fig = figures[name]
                # the PNGs are written before the PDF, so adding the caption here changes only the PDF page
                fig.suptitle(caption, fontsize=8, x=0.01, ha="left", color="#444444")
                pdf.savefig(fig)
        pg.flush()
    return buf.getvalue()
