# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The media status report: per production or across productions, as an XLSX workbook
(xlsxwriter: formats, autofilters, a chart of budget against actual) and as a PDF (QWeb,
report/media_status_report_templates.xml). For media coordinators (and producers): it shows
costs, so crew users never get it."""

import io
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import xlsxwriter

from .const import BUDGET_CATEGORIES
from .media_dashboard import MAX_ID, MEDIA_COORDINATOR

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Upcoming days listed per production.
DAYS_AHEAD = 14


class MediaStatusReport(models.AbstractModel):
    _name = "media.status.report"
    _description = "Media Status Report"

    # What the report is about -----------------------------------------------------------------

    @api.model
    def _check_access(self):
        if not self.env.su and not self.env.user.has_group(MEDIA_COORDINATOR):
            raise AccessError(
                _("Only media coordinators and producers can see the media status report.")
            )

    @api.model
    def _get_productions(self, project_ids=None):
        """The productions of the report: these ids (a list of record ids of media productions
        the user may read: UserError/AccessError naming the others), or every open media
        production of the user's current companies."""
        self._check_access()
        Project = self.env["project.project"]
        if not project_ids:
            return Project.search(
                [
                    ("is_media_production", "=", True),
                    ("company_id", "in", self.env.companies.ids),
                    ("coordination_phase", "!=", "wrapped"),
                ],
                order="coordination_priority_score desc, id",
            )
        if not isinstance(project_ids, list | tuple) or not all(
            isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
            for value in project_ids
        ):
            raise UserError(
                _(
                    "The report's productions must be a list of record ids, not %s.",
                    repr(project_ids)[:80],
                )
            )
        projects = Project.browse(list(dict.fromkeys(project_ids)))
        missing = projects - projects.exists()
        not_media = (projects - missing).filtered(lambda p: not p.is_media_production)
        if missing or not_media:
            raise UserError(
                _(
                    "No media production with the id %s.",
                    ", ".join(map(str, (missing | not_media).ids)),
                )
            )
        projects.check_access("read")
        return projects

    @api.model
    def _collect(self, project_ids=None):
        """Everything the report shows, for the productions (a few grouped queries and the
        cost engine's, whatever their number)."""
        projects = self._get_productions(project_ids)
        today = fields.Date.context_today(self)
        costs = projects._coordination_cost_figures()
        budgets = projects._coordination_budgets()
        phases = dict(
            self.env["project.project"]
            ._fields["coordination_phase"]
            ._description_selection(self.env)
        )
        deliverables = self.env["media.deliverable"].search(
            [("project_id", "in", projects.ids), ("state", "!=", "delivered")]
        )
        days = self.env["media.production.day"].search(
            [
                ("project_id", "in", projects.ids),
                ("state", "!=", "cancelled"),
                ("date", ">=", today),
                ("date", "<", today + timedelta(days=DAYS_AHEAD)),
            ]
        )
        open_deliverables = {
            project: count
            for project, count in self.env["media.deliverable"]._read_group(
                [("id", "in", deliverables.ids)], ["project_id"], ["__count"]
            )
        }
        overdue = {
            project: count
            for project, count in self.env["media.deliverable"]._read_group(
                [("id", "in", deliverables.ids), ("date_due", "<", today)],
                ["project_id"],
                ["__count"],
            )
        }
        productions, categories = [], []
        category_labels = dict(
            self.env["media.budget.line"]._fields["category"]._description_selection(self.env)
        )
        for project in projects:
            row_costs = costs[project.id]
            actual = sum(item["actual"] for item in row_costs.values())
            committed = sum(item["committed"] for item in row_costs.values())
            pending = sum(item["pending"] for item in row_costs.values())
            budget = sum(budgets.get(project.id, {}).values())
            productions.append(
                {
                    "id": project.id,
                    "name": project.name,
                    "phase": phases.get(project.coordination_phase, ""),
                    "rank": project.coordination_priority_rank,
                    "coordinator": project.coordination_coordinator_id.name or "",
                    "producer": project.coordination_producer_id.name or "",
                    "next_day": project.coordination_date_next_day or False,
                    "conflicts": project.coordination_conflict_count,
                    "deliverables_open": open_deliverables.get(project, 0),
                    "deliverables_overdue": overdue.get(project, 0),
                    "budget": budget,
                    "committed": committed,
                    "actual": actual,
                    "forecast": actual + committed + pending,
                    "burn": (actual + committed) / budget * 100 if budget else 0.0,
                    "over_budget": project.coordination_over_budget,
                    "currency": project.currency_id,
                }
            )
            for category, _label in BUDGET_CATEGORIES:
                figures = row_costs.get(category, {})
                amount = budgets.get(project.id, {}).get(category, 0.0)
                spent = figures.get("actual", 0.0) + figures.get("committed", 0.0)
                if not (amount or spent or figures.get("pending")):
                    continue
                categories.append(
                    {
                        "production": project.name,
                        "category": category_labels[category],
                        "budget": amount,
                        "committed": figures.get("committed", 0.0),
                        "actual": figures.get("actual", 0.0),
                        "forecast": spent + figures.get("pending", 0.0),
                        "over": bool(amount) and spent > amount,
                    }
                )
        return {
            "generated": fields.Datetime.now(),
            "title": projects.name if len(projects) == 1 else _("All productions"),
            "productions": productions,
            "categories": categories,
            "deliverables": [
                {
                    "production": d.project_id.name,
                    "name": d.name,
                    "due": d.date_due or False,
                    "state": dict(d._fields["state"]._description_selection(self.env))[d.state],
                    "overdue": bool(d.date_due and d.date_due < today),
                }
                for d in deliverables
            ],
            "days": [
                {
                    "production": day.project_id.name,
                    "day": day.day_label or "",
                    "date": day.date,
                    "location": day.location_id.name or "",
                    "crew": day.crew_count,
                    "unconfirmed": day.unconfirmed_count,
                    "conflicts": day.conflict_count,
                }
                for day in days
            ],
        }

    # XLSX -------------------------------------------------------------------------------------

    @api.model
    def _build_xlsx(self, project_ids=None):
        """The report as XLSX bytes: Productions (with the budget chart), then the tables of
        `_get_xlsx_tables` (Budget, Deliverables, Next days, ...); every table with an
        autofilter. The digest's attachment; the Print menu's goes through
        `report.production_coordination_media.media_status_xlsx`."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        self._fill_workbook(workbook, project_ids)
        workbook.close()
        return output.getvalue()

    @api.model
    def _fill_workbook(self, workbook, project_ids=None):
        """Write the report of these productions (checked by `_collect`: AccessError,
        UserError) into an open xlsxwriter workbook."""
        data = self._collect(project_ids)
        styles = self._xlsx_styles(workbook)
        self._sheet_productions(workbook, styles, data)
        for table in self._get_xlsx_tables(data):
            self._sheet_table(
                workbook,
                styles,
                table["name"],
                table["columns"],
                table["rows"],
                highlight=table.get("highlight"),
            )

    @api.model
    def _get_xlsx_tables(self, data):
        """The sheets after Productions, in order: dicts with ``name``, ``columns`` (label,
        row key, width, style: None, "date", "money", "integer" or "percent"), ``rows``
        (from `_collect`'s data) and ``highlight`` (a row key: rows where it is true are
        marked). Inherit `_collect` and this method to add a sheet."""
        return [
            {
                "name": _("Budget"),
                "columns": [
                    (_("Production"), "production", 28, None),
                    (_("Category"), "category", 18, None),
                    (_("Budget"), "budget", 14, "money"),
                    (_("Committed"), "committed", 14, "money"),
                    (_("Actual"), "actual", 14, "money"),
                    (_("Forecast"), "forecast", 14, "money"),
                ],
                "rows": data["categories"],
                "highlight": "over",
            },
            {
                "name": _("Deliverables"),
                "columns": [
                    (_("Production"), "production", 28, None),
                    (_("Deliverable"), "name", 28, None),
                    (_("Due"), "due", 12, "date"),
                    (_("Status"), "state", 14, None),
                ],
                "rows": data["deliverables"],
                "highlight": "overdue",
            },
            {
                "name": _("Next days"),
                "columns": [
                    (_("Production"), "production", 28, None),
                    (_("Day"), "day", 22, None),
                    (_("Date"), "date", 12, "date"),
                    (_("Location"), "location", 22, None),
                    (_("Crew"), "crew", 8, "integer"),
                    (_("Unconfirmed"), "unconfirmed", 12, "integer"),
                    (_("Conflicts"), "conflicts", 10, "integer"),
                ],
                "rows": data["days"],
                "highlight": "conflicts",
            },
        ]

    @api.model
    def _xlsx_styles(self, workbook):
        """The manufacturing status report's look (title, header, labels, late rows), with
        this report's dates, money and one-decimal percentages."""
        styles = self.env["coordination.status.report"]._xlsx_styles(workbook)
        symbol = self.env.company.currency_id.symbol or ""
        return {
            **styles,
            "datetime": styles["date"],
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "money": workbook.add_format({"num_format": f'#,##0 "{symbol}"'}),
            "percent": styles["load"],
        }

    @api.model
    def _sheet_productions(self, workbook, styles, data):
        sheet = workbook.add_worksheet(_("Productions"))
        sheet.write(0, 0, _("Media Status Report: %s", data["title"]), styles["title"])
        sheet.write(1, 0, _("Generated"), styles["label"])
        sheet.write_datetime(
            1,
            1,
            fields.Datetime.context_timestamp(self, data["generated"]).replace(tzinfo=None),
            styles["datetime"],
        )
        columns = [
            (_("Production"), "name", 28, None),
            (_("Phase"), "phase", 16, None),
            (_("Priority"), "rank", 9, "integer"),
            (_("Coordinator"), "coordinator", 18, None),
            (_("Producer"), "producer", 18, None),
            (_("Next day"), "next_day", 12, "date"),
            (_("Conflicts"), "conflicts", 10, "integer"),
            (_("Open deliverables"), "deliverables_open", 12, "integer"),
            (_("Overdue deliverables"), "deliverables_overdue", 12, "integer"),
            (_("Budget"), "budget", 14, "money"),
            (_("Committed"), "committed", 14, "money"),
            (_("Actual"), "actual", 14, "money"),
            (_("Forecast"), "forecast", 14, "money"),
            (_("Burn"), "burn", 9, "percent"),
        ]
        rows = [{**row, "burn": row["burn"] / 100} for row in data["productions"]]
        first = 3
        self._write_table(sheet, styles, first, columns, rows, highlight="over_budget")
        if rows:
            # Budget against actual (and committed), one group of columns per production.
            chart = workbook.add_chart({"type": "column"})
            name_col = 0
            last = first + len(rows)
            for key, color in (
                ("budget", "#A5A5A5"),
                ("committed", "#F0AD4E"),
                ("actual", "#4F81BD"),
            ):
                col = next(i for i, column in enumerate(columns) if column[1] == key)
                chart.add_series(
                    {
                        "name": [sheet.name, first, col],
                        "categories": [sheet.name, first + 1, name_col, last, name_col],
                        "values": [sheet.name, first + 1, col, last, col],
                        "fill": {"color": color},
                    }
                )
            chart.set_title({"name": _("Budget vs actual")})
            chart.set_size({"width": 720, "height": 320})
            sheet.insert_chart(last + 2, 0, chart)

    @api.model
    def _sheet_table(self, workbook, styles, name, columns, rows, highlight=None):
        sheet = workbook.add_worksheet(name)
        self._write_table(sheet, styles, 0, columns, rows, highlight=highlight)
        return sheet

    @api.model
    def _write_table(self, sheet, styles, first, columns, rows, highlight=None):
        """A header row at `first`, the rows under it (a row whose `highlight` key is true in
        red), an autofilter over the table and the header frozen."""
        for col, (label, _key, width, _style) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(first, col, label, styles["header"])
        for index, row in enumerate(rows, start=first + 1):
            late = highlight and row.get(highlight)
            for col, (_label, key, _width, style) in enumerate(columns):
                value = row.get(key)
                cell_style = styles["late"] if late and col == 0 else styles.get(style)
                if value is False or value is None:
                    sheet.write_blank(index, col, None, cell_style)
                elif style == "date":
                    sheet.write_datetime(index, col, fields.Datetime.to_datetime(value), cell_style)
                else:
                    sheet.write(index, col, value, cell_style)
        sheet.autofilter(first, 0, first + max(len(rows), 1), len(columns) - 1)
        sheet.freeze_panes(first + 1, 1)

    # Actions ----------------------------------------------------------------------------------

    @api.model
    def _xlsx_action(self, projects=None):
        """Download the report of these productions (all open ones by default): the XLSX
        report `action_report_media_status_xlsx` (report_xlsx), as its Print menu does."""
        self._check_access()
        report = self.env.ref("production_coordination_media.action_report_media_status_xlsx")
        if projects:
            return report.report_action(projects, config=False)
        return report.report_action(None, data={"project_ids": []}, config=False)

    @api.model
    def _pdf_action(self, projects):
        self._check_access()
        return self.env.ref(
            "production_coordination_media.action_report_media_status"
        ).report_action(projects)
