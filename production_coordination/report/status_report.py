# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import api, models
from odoo.tools import float_round, formatLang

# The load chart of the PDF, in SVG user units (the page scales it to its width). The XLSX's
# chart draws the same two series per department, in the same colours.
CHART_WIDTH = 700
CHART_HEIGHT = 250
CHART_LEFT = 46  # room for the hours of the axis
CHART_TOP = 34  # title and legend
CHART_BOTTOM = 40  # department names
CHART_COLORS = {"planned": "#4F81BD", "available": "#A5A5A5"}


class ReportStatus(models.AbstractModel):
    _name = "report.production_coordination.report_status"
    _description = "Departmental Status Report (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["coordination.status.report.wizard"].browse(docids)
        reports = {wizard.id: wizard._report_data(wizard) for wizard in wizards}
        return {
            "doc_ids": docids,
            "doc_model": "coordination.status.report.wizard",
            "docs": wizards,
            "reports": reports,
            "charts": {
                wizard_id: self._load_chart(report["departments"])
                for wizard_id, report in reports.items()
            },
            "format_number": self._format_number,
        }

    @api.model
    def _format_number(self, value, digits=1):
        """`value` in the reader's language with `digits` decimals, never "-0.0" (a value
        that rounds to zero is zero), empty for no value."""
        if value is None or value is False:
            return ""
        return formatLang(
            self.env, float_round(value, precision_digits=digits) or 0.0, digits=digits
        )

    @api.model
    def _load_chart(self, departments):
        """The geometry of the load chart (planned beside available hours per department,
        as the XLSX's column chart): axis ticks and bars in SVG units, or False when no
        department has working time."""
        rows = [dep for dep in departments if dep["available_hours"] or dep["planned_hours"]]
        if not rows:
            return False
        top = max(max(dep["planned_hours"], dep["available_hours"]) for dep in rows)
        step = self._nice_step(top / 4)
        scale_max = step * math.ceil(top / step)
        plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
        plot_width = CHART_WIDTH - CHART_LEFT - 10
        slot = plot_width / len(rows)
        bar = min(slot * 0.32, 40)

        def y(hours):
            return CHART_TOP + plot_height * (1 - hours / scale_max)

        ticks = [
            {"y": round(y(step * n), 1), "label": self._format_number(step * n, 0)}
            for n in range(round(scale_max / step) + 1)
        ]
        bars, labels = [], []
        for index, dep in enumerate(rows):
            center = CHART_LEFT + slot * (index + 0.5)
            for offset, key in ((-1, "planned"), (0, "available")):
                hours = dep[f"{key}_hours"]
                bars.append(
                    {
                        "x": round(center + offset * bar, 1),
                        "y": round(y(hours), 1),
                        "width": round(bar, 1),
                        "height": round(plot_height * hours / scale_max, 1),
                        "color": CHART_COLORS[key],
                        "value": self._format_number(hours),
                    }
                )
            labels.append({"x": round(center, 1), "text": dep["name"]})
        return {
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "left": CHART_LEFT,
            "right": CHART_WIDTH - 10,
            "top": CHART_TOP,
            "bottom": CHART_HEIGHT - CHART_BOTTOM,
            "ticks": ticks,
            "bars": bars,
            "labels": labels,
            "colors": CHART_COLORS,
        }

    @api.model
    def _nice_step(self, raw):
        """The smallest 1, 2, 5 × 10ⁿ at least `raw` (a readable axis step)."""
        if raw <= 0:
            return 1
        power = 10 ** math.floor(math.log10(raw))
        return next(power * factor for factor in (1, 2, 5, 10) if power * factor >= raw)
