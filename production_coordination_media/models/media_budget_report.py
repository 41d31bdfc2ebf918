# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cost report of a production (XLSX): its budget per category beside what is committed,
actual and forecast; every cost; the costs per production day. In the Print menu of
productions (report_xlsx: report/cost_report_xlsx.py)."""

import io
import re
from collections import defaultdict

from odoo import _, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import xlsxwriter

from .const import BUDGET_CATEGORIES

COORDINATOR = "production_coordination_media.group_media_coordinator"


class ProjectProject(models.Model):
    _inherit = "project.project"  # pylint: disable=consider-merging-classes-inherited

    def _coordination_check_cost_report(self):
        """Only media coordinators read costs, of a media production they may read."""
        self.ensure_one()
        if not self.env.user.has_group(COORDINATOR):
            raise AccessError(_("Only media coordinators read the costs of a production."))
        self.check_access("read")
        if not self.is_media_production:
            raise UserError(_("%s is not a media production.", self.display_name))

    def _coordination_cost_report_xlsx(self):
        """The cost report of this production, as the bytes of an XLSX workbook (the Print
        menu's goes through `report.production_coordination_media.cost_report_xlsx`)."""
        self._coordination_check_cost_report()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        self._coordination_fill_cost_report(workbook)
        workbook.close()
        return output.getvalue()

    def _coordination_fill_cost_report(self, workbook, sheet_suffix=""):
        """Write the cost report of this production (sheets Budget, Costs, Per Day, named
        "<sheet> - <sheet_suffix>" when given) into an open xlsxwriter workbook."""
        self._coordination_check_cost_report()
        entries = self._coordination_cost_entries()
        figures = self._coordination_cost_figures()[self.id]
        budgets = self._coordination_budgets().get(self.id, {})
        currency = self.company_id.currency_id
        categories = dict(
            self.env["media.budget.line"]._fields["category"]._description_selection(self.env)
        )

        def sheet_name(label):
            if not sheet_suffix:
                return label
            # Excel's sheet names: 31 characters, none of []:*?/\ (report_xlsx's workbook
            # numbers the names that come out the same).
            return re.sub(r"[\[\]:*?/\\]", " ", f"{label} - {sheet_suffix}")[:31]

        money = "#,##0.00"
        if currency.position == "before":
            money = f'"{currency.symbol}" {money}'
        else:
            money = f'{money} "{currency.symbol}"'
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 16}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#E9ECEF", "bottom": 1, "text_wrap": True}
            ),
            "money": workbook.add_format({"num_format": money}),
            "total": workbook.add_format({"num_format": money, "bold": True, "top": 1}),
            "label": workbook.add_format({"bold": True}),
            "over": workbook.add_format(
                {"num_format": money, "bg_color": "#F8D7DA", "font_color": "#842029"}
            ),
            "note": workbook.add_format({"italic": True, "font_color": "#6C757D"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        }

        # Budget ---------------------------------------------------------------------------
        sheet = workbook.add_worksheet(sheet_name(_("Budget")))
        sheet.write(0, 0, _("Cost report: %s", self.name), formats["title"])
        sheet.write(
            1,
            0,
            _("%(company)s, in %(currency)s", company=self.company_id.name, currency=currency.name),
        )
        headers = [
            _("Category"),
            _("Budget"),
            _("Committed"),
            _("Actual"),
            _("Forecast"),
            _("Remaining"),
        ]
        sheet.write_row(3, 0, headers, formats["header"])
        row = 4
        for category, label in BUDGET_CATEGORIES:
            costs = figures.get(category, {})
            actual, committed = costs.get("actual", 0.0), costs.get("committed", 0.0)
            forecast = actual + committed + costs.get("pending", 0.0)
            budget = budgets.get(category, 0.0)
            over = budgets and currency.compare_amounts(actual + committed, budget) > 0
            sheet.write(row, 0, label)
            for column, value in enumerate((budget, committed, actual, forecast), start=1):
                sheet.write_number(row, column, value, formats["over" if over else "money"])
            sheet.write_formula(
                row, 5, f"=B{row + 1}-E{row + 1}", formats["money"], budget - forecast
            )
            row += 1
        sheet.write(row, 0, _("Total"), formats["label"])
        for column in range(1, 6):
            letter = chr(ord("A") + column)
            sheet.write_formula(row, column, f"=SUM({letter}5:{letter}{row})", formats["total"])
        notes = [
            _(
                "Committed: confirmed purchases not billed yet, and crew, owned equipment and "
                "location fees of the days to come."
            ),
            _(
                "Actual: posted vendor bills, and crew, owned equipment and location fees of the "
                "days that have wrapped."
            ),
            _(
                "Forecast: the estimated final cost, actual + committed + requests for quotation "
                "not confirmed yet. Remaining: budget - forecast."
            ),
        ]
        for index, note in enumerate(notes):
            sheet.write(row + 2 + index, 0, note, formats["note"])
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 5, 15)

        # Costs ----------------------------------------------------------------------------
        sheet = workbook.add_worksheet(sheet_name(_("Costs")))
        headers = [
            _("Date"),
            _("Day"),
            _("Category"),
            _("Source"),
            _("Description"),
            _("Status"),
            _("Amount"),
        ]
        sheet.write_row(0, 0, headers, formats["header"])
        days = self.env["media.production.day"].browse(
            {item["day_id"] for item in entries if item["day_id"]}
        )
        day_label = {day.id: day.display_name for day in days}
        sources = {
            "crew": _("Crew"),
            "equipment": _("Owned equipment"),
            "location": _("Location"),
            "purchase": _("Purchase"),
        }
        states = {"actual": _("Actual"), "committed": _("Committed"), "pending": _("Requested")}
        ordered = sorted(entries, key=lambda item: (str(item["date"] or ""), item["category"]))
        for row, item in enumerate(ordered, start=1):
            if item["date"]:
                sheet.write_datetime(row, 0, item["date"], formats["date"])
            sheet.write(row, 1, day_label.get(item["day_id"], ""))
            sheet.write(row, 2, categories[item["category"]])
            sheet.write(row, 3, sources[item["source"]])
            sheet.write(row, 4, item["name"])
            sheet.write(row, 5, states[item["state"]])
            sheet.write_number(row, 6, item["amount"], formats["money"])
        sheet.autofilter(0, 0, max(len(ordered), 1), len(headers) - 1)
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, 0, 12)
        sheet.set_column(1, 1, 34)
        sheet.set_column(2, 3, 18)
        sheet.set_column(4, 4, 40)
        sheet.set_column(5, 6, 14)

        # Per day --------------------------------------------------------------------------
        sheet = workbook.add_worksheet(sheet_name(_("Per Day")))
        headers = [_("Date"), _("Day")] + [label for __, label in BUDGET_CATEGORIES] + [_("Total")]
        sheet.write_row(0, 0, headers, formats["header"])
        per_day = defaultdict(lambda: defaultdict(float))
        for item in entries:
            if item["state"] != "pending":
                per_day[item["day_id"]][item["category"]] += item["amount"]
        ordered_days = days.sorted(lambda day: (day.date_call, day.id))
        rows = [(day.date, day.display_name, per_day[day.id]) for day in ordered_days]
        if per_day.get(False):
            rows.append((None, _("Not on a production day"), per_day[False]))
        for row, (when, label, amounts) in enumerate(rows, start=1):
            if when:
                sheet.write_datetime(row, 0, when, formats["date"])
            sheet.write(row, 1, label)
            for column, (category, __) in enumerate(BUDGET_CATEGORIES, start=2):
                sheet.write_number(row, column, amounts.get(category, 0.0), formats["money"])
            last = chr(ord("A") + 1 + len(BUDGET_CATEGORIES))
            sheet.write_formula(
                row,
                2 + len(BUDGET_CATEGORIES),
                f"=SUM(C{row + 1}:{last}{row + 1})",
                formats["total"],
                sum(amounts.values()),
            )
        sheet.freeze_panes(1, 2)
        sheet.set_column(0, 0, 12)
        sheet.set_column(1, 1, 34)
        sheet.set_column(2, 2 + len(BUDGET_CATEGORIES), 14)
