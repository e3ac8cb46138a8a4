"""``policyqa departments | targets | align``: the officials' views on the command line.

Registered on the same typer app as the other commands (``app.cli.main`` imports this module), with
the same error handling: one line on stderr and exit code 1.
"""

from __future__ import annotations

from pathlib import Path

import typer

from app.cli.main import cli, cli_errors, echo_json, open_service


def _export(rows: list, csv_path: Path | None, xlsx_path: Path | None, columns: tuple[str, ...], sheet: str) -> None:
    from rag.views.export import to_csv, to_xlsx

    if csv_path is not None:
        typer.echo(f"wrote {len(rows)} rows to {to_csv(rows, csv_path, columns=columns)}", err=True)
    if xlsx_path is not None:
        typer.echo(f"wrote {len(rows)} rows to {to_xlsx(rows, xlsx_path, sheet=sheet, columns=columns)}", err=True)


@cli.command()
def departments(
    name: str = typer.Option(None, "--name", help="Only departments matching this name or alias (省工信厅, 发改委)."),
    as_json: bool = typer.Option(False, "--json", help='Print {"departments": [...]} as JSON.'),
    csv_path: Path = typer.Option(None, "--csv", help="Also write the table as CSV (UTF-8 with BOM)."),
    xlsx_path: Path = typer.Option(None, "--xlsx", help="Also write the table as an Excel workbook."),
) -> None:
    """Department responsibility matrix: the clauses each department leads (牵头) or supports (责任)."""
    from rag.views.tables import DEPARTMENT_COLUMNS, filter_departments

    with cli_errors():
        qa = open_service()
        rows = filter_departments(qa.department_matrix(), name)
        if name and not rows:
            raise ValueError(f"no department matches {name!r}; run `policyqa departments` for the list")
        _export(rows, csv_path, xlsx_path, DEPARTMENT_COLUMNS, "departments")
        if as_json:
            echo_json({"departments": [{**r.as_record(), "by_document": r.by_document} for r in rows]})
            return
        for r in rows:
            typer.echo(f"{r.name}\t[{r.level}]\t牵头 {r.lead_count}\t责任 {r.support_count}\t"
                       f"下同 {r.inherited_count}\t{'、'.join(a for a in r.aliases if a != r.name)}")
            if name:  # a lookup: show the clauses themselves
                for role, label in (("lead", "牵头"), ("support", "责任"), ("support_inherited", "责任（下同）")):
                    for cid in getattr(r, role):
                        typer.echo(f"    {label}\t{cid}\t{qa.clause(cid).breadcrumb}")


@cli.command()
def targets(
    doc: str = typer.Option(None, "--doc", help="Only the targets of this document id."),
    year: int = typer.Option(None, "--year", help="Only targets with this deadline year."),
    as_json: bool = typer.Option(False, "--json", help='Print {"targets": [...]} as JSON.'),
    csv_path: Path = typer.Option(None, "--csv", help="Also write the table as CSV (UTF-8 with BOM)."),
    xlsx_path: Path = typer.Option(None, "--xlsx", help="Also write the table as an Excel workbook."),
) -> None:
    """Quantitative targets (指标): value, unit, deadline, document, clause and lead department."""
    from rag.views.tables import TARGET_COLUMNS

    with cli_errors():
        qa = open_service()
        rows = qa.targets(doc_id=doc, year=year)
        _export(rows, csv_path, xlsx_path, TARGET_COLUMNS, "targets")
        if as_json:
            echo_json({"targets": [r.as_record() for r in rows]})
            return
        for r in rows:
            lead = f"\t牵头：{'、'.join(r.lead)}" if r.lead else ""
            typer.echo(f"{r.raw}\t{r.year or '—'}\t{r.clause_id}\t{r.breadcrumb}{lead}")


@cli.command("align")
def align_cmd(as_json: bool = typer.Option(False, "--json", help="Print the alignment as JSON.")) -> None:
    """Province ↔ city alignment: the provincial tasks each city clause carries out, and the gaps."""
    with cli_errors():
        qa = open_service()
        alignment = qa.alignment()
        if as_json:
            from app.ui.view_data import alignment_data

            echo_json(alignment_data(qa))  # the shape of GET /api/alignment
            return
        if not alignment.links:
            typer.echo("no document cites a higher-level document's 文号 or title; nothing to align")
            return
        for link in alignment.links:
            typer.echo(f"{link.lower_doc_id} 落实 {link.higher_doc_id}（引用 {link.cited}，见 {link.evidence_clause_id}）")
        for city_id in alignment.by_city:
            typer.echo(f"{city_id}\t{qa.clause(city_id).breadcrumb}")
            for pair in alignment.for_clause(city_id):
                typer.echo(f"    ↳ {pair.province_clause_id} ({pair.score:.2f})\t{qa.clause(pair.province_clause_id).breadcrumb}"
                           f"\t{'；'.join(pair.reasons)}")
        typer.echo(f"省级任务无对应条款（{len(alignment.gaps)}）：")
        for gap in alignment.gaps:
            typer.echo(f"    {gap}\t{qa.clause(gap).breadcrumb}")
