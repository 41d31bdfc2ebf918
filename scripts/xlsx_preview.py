"""Render the sheets of an XLSX file as one HTML page (for the README's picture of the report).

    python scripts/xlsx_preview.py report.xlsx preview.html [max rows per sheet]

Reads the file back with openpyxl and draws each sheet as a grid with the cells' own fonts,
fills, alignment, widths and number formats (dates, decimals, percentages). openpyxl does not
evaluate conditional formats or draw charts: those are listed under the sheet instead.
"""

import datetime
import html
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def color(value):
    rgb = getattr(value, "rgb", None)
    if isinstance(rgb, str) and len(rgb) == 8 and rgb != "00000000":
        return "#" + rgb[2:]
    return None


def shown(cell):
    value = cell.value
    if value is None:
        return ""
    fmt = cell.number_format or "General"
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M" if "h" in fmt else "%Y-%m-%d")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "%" in fmt:
            return f"{value:.0%}"
        if "0.0" in fmt:
            decimals = len(fmt.split(".")[1].rstrip("%_)-;")) if "." in fmt else 0
            return f"{value:,.{min(decimals, 2)}f}"
    return str(value)


def sheet_html(sheet, max_rows):
    out = [f"<h3>{html.escape(sheet.title)}</h3><table>"]
    widths = [
        (sheet.column_dimensions[get_column_letter(i)].width or 9) * 7
        for i in range(1, sheet.max_column + 1)
    ]
    out.append(
        "<colgroup>" + "".join(f'<col style="width:{w:.0f}px">' for w in widths) + "</colgroup>"
    )
    for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, max_rows)):
        cells = []
        for cell in row:
            style = []
            if cell.font and cell.font.b:
                style.append("font-weight:bold")
            if cell.font and cell.font.sz and cell.font.sz > 12:
                style.append(f"font-size:{cell.font.sz * 1.2:.0f}px")
            if cell.font and color(cell.font.color):
                style.append(f"color:{color(cell.font.color)}")
            if cell.fill and cell.fill.fill_type == "solid" and color(cell.fill.fgColor):
                style.append(f"background:{color(cell.fill.fgColor)}")
            align = cell.alignment.horizontal if cell.alignment else None
            if align in ("right", "center") or (
                align is None and isinstance(cell.value, int | float)
            ):
                style.append(f"text-align:{align or 'right'}")
            cells.append(f'<td style="{";".join(style)}">{html.escape(shown(cell))}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    notes = []
    if sheet.freeze_panes:
        notes.append(f"frozen at {sheet.freeze_panes}")
    if sheet.auto_filter.ref:
        notes.append(f"filter on {sheet.auto_filter.ref}")
    rules = sum(len(rule.rules) for rule in sheet.conditional_formatting)
    if rules:
        notes.append(f"{rules} conditional colour rule(s), not drawn here")
    if sheet.max_row > max_rows:
        notes.append(f"{sheet.max_row - max_rows} more row(s)")
    if notes:
        out.append(f'<p class="notes">{html.escape("; ".join(notes))}</p>')
    return "\n".join(out)


def main(source, target, max_rows=14):
    book = openpyxl.load_workbook(source)
    body = "\n".join(sheet_html(sheet, int(max_rows)) for sheet in book.worksheets)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ font-family: Calibri, Carlito, "DejaVu Sans", sans-serif; font-size: 12px; margin: 12px; }}
h3 {{ margin: 14px 0 4px; font-size: 13px; background: #e7e7e7; display: inline-block;
      padding: 3px 10px; border: 1px solid #c6c6c6; border-bottom: none; }}
table {{ border-collapse: collapse; table-layout: fixed; }}
td {{ border: 1px solid #d4d4d4; padding: 2px 4px; white-space: nowrap; overflow: hidden;
      text-overflow: ellipsis; height: 16px; }}
.notes {{ color: #666; margin: 2px 0 0; font-style: italic; }}
</style></head><body>{body}</body></html>"""
    with open(target, "w", encoding="utf-8") as out:
        out.write(page)


if __name__ == "__main__":
    main(*sys.argv[1:])
