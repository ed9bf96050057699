"""Exports of a comparison: the JSON other tools read, the HTML report, the terminal summary.

Qt-free: the window and the command line call the same functions.
"""

from storydiff.report._files import ExportError
from storydiff.report.html_report import render_html, write_html
from storydiff.report.json_export import SCHEMA_ID, comparison_to_dict, load_schema, write_json
from storydiff.report.quote_table import render_quote_table
from storydiff.report.summary import render_summary

__all__ = [
    "SCHEMA_ID",
    "ExportError",
    "comparison_to_dict",
    "load_schema",
    "render_html",
    "render_quote_table",
    "render_summary",
    "write_html",
    "write_json",
]
