"""Summaries of the scored rows: Markdown tables, the worst pages, and the files under ``results/``."""

from __future__ import annotations

import csv
import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.extraction.corpus import SNIPPET_SETS
from benchmarks.extraction.extractors import EXTRACTORS

Row = dict[str, Any]
RESULTS = Path(__file__).resolve().parent / "results"
FURNITURE_PAGE = 0.10  # the bound: furniture under this share of a page's lines
FULL_HEADER = (
    "set",
    "extractor",
    "pages",
    "precision",
    "recall",
    "F1",
    "median F1",
    "F1 with figure text",
    "pages losing >½ text",
    "furniture lines",
    "pages over 10 % furniture",
    "failures",
    "repeated captions",
    "headings under images",
)
SNIPPET_HEADER = (
    "set",
    "extractor",
    "pages",
    "precision",
    "recall",
    "F1",
    "pages losing >½ snippets",
    "false snippets",
    "failures",
)


def summarise(set_name: str, rows: Sequence[Row]) -> list[Row]:
    """One summary per extractor: macro-averaged scores for full references, pooled counts for snippets."""
    return [(_snippet_summary if set_name in SNIPPET_SETS else _full_summary)(set_name, name, rows) for name in EXTRACTORS]


def _full_summary(set_name: str, name: str, rows: Sequence[Row]) -> Row:
    f1s = [row[f"{name}_f1"] for row in rows]
    judged = sum(row[f"{name}_judged_lines"] for row in rows)
    return {
        "set": set_name,
        "extractor": name,
        "pages": len(rows),
        "precision": _mean(row[f"{name}_precision"] for row in rows),
        "recall": _mean(row[f"{name}_recall"] for row in rows),
        "F1": _mean(f1s),
        "median F1": statistics.median(f1s) if f1s else 0.0,
        # trafilatura's text holds no figures; docconv's figures are scored here, and left out of F1.
        "F1 with figure text": _mean(row[f"{name}_f1_with_figures"] for row in rows) if name == "docconv" else None,
        "pages losing >½ text": sum(row[f"{name}_recall"] < 0.5 for row in rows),
        "furniture lines": sum(row[f"{name}_furniture"] for row in rows) / judged if judged else 0.0,
        "pages over 10 % furniture": sum(_furniture_share(row, name) > FURNITURE_PAGE for row in rows),
        "failures": sum(bool(row[f"{name}_error"]) for row in rows),
        "repeated captions": sum(row.get(f"{name}_repeated_captions", 0) > 0 for row in rows) if name == "docconv" else None,
        "headings under images": sum(row.get(f"{name}_headings_under_images", 0) for row in rows) if name == "docconv" else None,
    }


def _furniture_share(row: Row, name: str) -> float:
    judged = row[f"{name}_judged_lines"]
    return row[f"{name}_furniture"] / judged if judged else 0.0


def _snippet_summary(set_name: str, name: str, rows: Sequence[Row]) -> Row:
    tp, fn, fp = (sum(row[f"{name}_{key}"] for row in rows) for key in ("tp", "fn", "fp"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "set": set_name,
        "extractor": name,
        "pages": len(rows),
        "precision": precision,
        "recall": recall,
        "F1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "pages losing >½ snippets": sum(row[f"{name}_tp"] < row[f"{name}_fn"] for row in rows),
        "false snippets": fp,
        "failures": sum(bool(row[f"{name}_error"]) for row in rows),
    }


def _mean(values: Any) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def table(summaries: Sequence[Row]) -> str:
    """A Markdown table of summaries of one kind (all full-reference or all snippet sets)."""
    if not summaries:
        return ""
    header = SNIPPET_HEADER if "false snippets" in summaries[0] else FULL_HEADER
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for summary in summaries:
        lines.append("| " + " | ".join(_cell(column, summary.get(column), summary["pages"]) for column in header) + " |")
    return "\n".join(lines)


def _cell(column: str, value: Any, pages: int) -> str:
    if value is None:
        return "–"
    if column in ("precision", "recall", "F1", "median F1", "F1 with figure text"):
        return f"{value:.3f}"
    if column == "furniture lines":
        return f"{value:.1%}"
    if column.startswith("pages ") or column == "repeated captions":
        return f"{value} ({value / pages:.0%})" if pages else str(value)
    return str(value)


def worst(set_name: str, rows: Sequence[Row], count: int) -> str:
    """The ``count`` pages with the lowest docconv F1, as a Markdown table, with trafilatura's F1 beside."""
    ranked = sorted(rows, key=lambda row: (row["docconv_f1"], row["id"]))[:count]
    snippets = set_name in SNIPPET_SETS
    lines = [f"Worst {len(ranked)} docconv pages of `{set_name}`:", ""]
    if snippets:
        lines += [
            "| id | docconv F1 | with found | without found | trafilatura F1 | docconv error |",
            "|---|---|---|---|---|---|",
        ]
    else:
        lines += ["| id | docconv P | R | F1 | trafilatura F1 | docconv error | notes |", "|---|---|---|---|---|---|---|"]
    for row in ranked:
        error = (row["docconv_error"] or "")[:70].replace("|", "/")
        if snippets:
            found = f"{row['docconv_tp']}/{row['docconv_tp'] + row['docconv_fn']}"
            false = f"{row['docconv_fp']}/{row['docconv_fp'] + row['docconv_tn']}"
            lines.append(f"| {row['id']} | {row['docconv_f1']:.3f} | {found} | {false} | {row['trafilatura_f1']:.3f} | {error} |")
        else:
            scores = f"{row['docconv_precision']:.3f} | {row['docconv_recall']:.3f} | {row['docconv_f1']:.3f}"
            lines.append(f"| {row['id']} | {scores} | {row['trafilatura_f1']:.3f} | {error} | {row['notes']} |")
    return "\n".join(lines)


def write(set_name: str, rows: Sequence[Row], summaries: Sequence[Row], directory: Path = RESULTS) -> Path:
    """``results/<set>.csv`` (one row per page) and ``results/<set>.summary.json``."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{set_name}.csv"
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
    summary = directory / f"{set_name}.summary.json"
    rounded = [{key: round(value, 4) if isinstance(value, float) else value for key, value in row.items()} for row in summaries]
    summary.write_text(json.dumps(rounded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return target
