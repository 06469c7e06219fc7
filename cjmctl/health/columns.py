"""Text tables for the terminal: cells aligned in columns, as `stats` and its reports print."""

from __future__ import annotations


def columns(rows: list[list[str]], numeric: set[int]) -> list[str]:
    """Rows of cells aligned in columns two spaces apart; `numeric` columns to the right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  "
        + "  ".join(
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
