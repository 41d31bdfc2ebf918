# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The departmental status report: the dashboard's figures and the detail behind them, as an
XLSX workbook (xlsxwriter) and as a PDF (QWeb, see report/), for the same filters."""

import io
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools.misc import xlsxwriter
from odoo.tools.translate import LazyTranslate

from .coordination_const import OPEN_MO_STATES

_lt = LazyTranslate(__name__)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Orders read at a time by the XLSX (its memory then stays flat as orders grow).
ORDER_BATCH = 1000


class CoordinationStatusReport(models.AbstractModel):
    _name = "coordination.status.report"
    _description = "Departmental Status Report"

    @api.model
    def _collect(self, filters=None, with_orders=True):
        """Everything the report shows: the dashboard data plus every open order of the scope
        and each department's progress (a few grouped queries). Without `with_orders`, the
        orders are left out and ``order_domain`` tells which they are (the XLSX reads them in
        batches, ``_order_batches``)."""
        Dashboard = self.env["coordination.dashboard"]
        filters = {} if filters is None else filters
        Dashboard._check_status_report_access(
            Dashboard._get_scope(filters), _("see the status report")
        )
        data = Dashboard.get_dashboard_data(filters)
        scope = Dashboard._get_scope(data["filters"])
        data["order_domain"] = Dashboard._production_domain(scope)
        if with_orders:
            data["orders"] = self._orders(data["order_domain"])
        data["progress"] = self._department_progress([d["id"] for d in data["departments"]])
        data["load"] = self._load_weeks([d["id"] for d in data["departments"]])
        data["filter_labels"] = self._filter_labels(scope)
        data["all_shortages"] = Dashboard._shortage_rows(scope) if scope["materials"] else []
        data["deliveries"] = self._deliveries(scope) if scope["materials"] else []
        return data

    @api.model
    def _deliveries(self, scope):
        """Purchase lines that feed open MOs, late first, then at risk, then on time."""
        Line = self.env["purchase.order.line"]
        domain = [
            ("coordination_delivery_risk", "!=", False),
            ("company_id", "in", scope["companies"].ids),
        ]
        if scope["warehouse"]:
            domain.append(("order_id.picking_type_id.warehouse_id", "=", scope["warehouse"].id))
        rows = Line.search_read(
            domain,
            [
                "order_id",
                "partner_id",
                "product_id",
                "product_qty",
                "qty_received",
                "product_uom",
                "date_planned",
                "coordination_date_needed",
                "coordination_delivery_risk",
                "coordination_production_names",
            ],
            order="date_planned, id",
        )
        rank = {"late": 0, "at_risk": 1, "on_time": 2}
        rows.sort(key=lambda row: rank.get(row["coordination_delivery_risk"], 3))
        return rows

    @api.model
    def _orders(self, domain):
        """The rows of the orders of `domain`, in rank order (all at once)."""
        productions = self.env["mrp.production"].search(domain, order="coordination_rank, id")
        return self._order_rows(productions)

    @api.model
    def _order_batches(self, domain, size=None):
        """The rows of the orders of `domain` in rank order, `size` orders at a time; the
        record cache is emptied after each batch, so that memory does not grow with the
        number of orders (a query or four per batch)."""
        size = size or ORDER_BATCH
        Production = self.env["mrp.production"]
        ids = Production.search(domain, order="coordination_rank, id").ids
        for start in range(0, len(ids), size):
            yield self._order_rows(Production.browse(ids[start : start + size]))
            self.env.invalidate_all()

    @api.model
    def _order_rows(self, productions):
        rows = productions.read(
            [
                "coordination_rank",
                "name",
                "product_id",
                "product_qty",
                "coordination_partner_id",
                "coordination_date_committed",
                "coordination_date_forecast",
                "coordination_delay_days",
                "coordination_readiness",
                "coordination_route_summary",
                "coordination_current_department_id",
                "coordination_current_state",
                "coordination_is_expedited",
                "state",
            ]
        )
        # The current leg may be another department's (rules hide it from staff and
        # supervisors): its blocking reason is part of the order's status, read as superuser.
        current = productions.coordination_current_handoff_id
        blocked = {
            leg["production_id"][0]: leg["block_reason"]
            for leg in current.sudo().search_read(
                [("id", "in", current.ids), ("state", "=", "blocked")],
                ["production_id", "block_reason"],
            )
        }
        for row in rows:
            row["blocker"] = blocked.get(row["id"], "")
        return rows

    @api.model
    def _department_progress(self, department_ids):
        """{department id: (done minutes, expected minutes)} of the open work orders."""
        return {
            department.id: (done or 0.0, expected or 0.0)
            for department, done, expected in self.env["mrp.workorder"]._read_group(
                [
                    ("coordination_department_id", "in", department_ids),
                    ("production_id.state", "in", OPEN_MO_STATES),
                    ("state", "!=", "cancel"),
                ],
                ["coordination_department_id"],
                ["duration:sum", "duration_expected:sum"],
            )
        }

    @api.model
    def _load_weeks(self, department_ids):
        """[(week, planned hours, available hours, load percent)] over the next weeks, the
        departments together (`coordination.workcenter.load._get_load`, as the pivot)."""
        Load = self.env["coordination.workcenter.load"]
        if not Load.has_access("read"):
            return []
        return [
            (
                row["date_week:day"],
                row["planned_hours"],
                row["available_hours"],
                row["load_percent"],
            )
            for row in Load._get_load([("department_id", "in", department_ids)], ["date_week:day"])
        ]

    @api.model
    def _filter_labels(self, scope):
        return {
            _("Companies"): ", ".join(scope["companies"].mapped("name")),
            _("Warehouse"): scope["warehouse"].display_name or _("All"),
            _("Departments"): ", ".join(scope["departments"].mapped("name")) or _("All"),
        }

    # XLSX -------------------------------------------------------------------------------------

    @api.model
    def _build_xlsx(self, filters=None):
        """The report as XLSX bytes (the background job's file, the digest's attachment; the
        Print menu's goes through `report.production_coordination.status_report_xlsx`). Its
        memory does not grow with the number of orders: they are read in batches
        (``_order_batches``) and each row goes to a temporary file as soon as it is written
        (xlsxwriter's ``constant_memory``); only the finished file is held."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, self._xlsx_workbook_options())
        self._fill_workbook(workbook, filters)
        workbook.close()
        return output.getvalue()

    @api.model
    def _xlsx_workbook_options(self):
        return {"constant_memory": True, "default_date_format": "yyyy-mm-dd"}

    @api.model
    def _fill_workbook(self, workbook, filters=None):
        """Write the report of `filters` (checked by `_collect`: UserError, AccessError) into
        an open xlsxwriter workbook (made with `_xlsx_workbook_options`)."""
        data = self._collect(filters, with_orders=False)
        styles = self._xlsx_styles(workbook)
        self._sheet_summary(workbook, styles, data)
        self._sheet_orders(workbook, styles, data)
        self._sheet_departments(workbook, styles, data)
        if data["sections"]["materials"]:
            self._sheet_shortages(workbook, styles, data)
            self._sheet_deliveries(workbook, styles, data)

    @api.model
    def _local(self, value):
        """A UTC datetime in the reader's time zone (spreadsheets have none)."""
        return fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)

    @api.model
    def _xlsx_styles(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 16}),
            "header": workbook.add_format(
                {
                    "bold": True,
                    "bg_color": "#714B67",
                    "font_color": "#FFFFFF",
                    "border": 1,
                    "text_wrap": True,
                    "valign": "top",
                }
            ),
            "label": workbook.add_format({"bold": True}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "number": workbook.add_format({"num_format": "0.0"}),
            "integer": workbook.add_format({"num_format": "0"}),
            "percent": workbook.add_format({"num_format": "0%"}),
            # Loads: one decimal, as the dashboard and the pivot show them.
            "load": workbook.add_format({"num_format": "0.0%"}),
            "late": workbook.add_format({"bg_color": "#F8D7DA", "font_color": "#842029"}),
            "blocked": workbook.add_format({"bg_color": "#FFE5B4", "font_color": "#7A4100"}),
            "ok": workbook.add_format({"bg_color": "#D1E7DD", "font_color": "#0F5132"}),
        }

    @api.model
    def _sheet_summary(self, workbook, styles, data):
        sheet = workbook.add_worksheet(_("Summary"))
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 8, 14)
        sheet.write(0, 0, _("Departmental Status Report"), styles["title"])
        sheet.write(1, 0, _("Generated"), styles["label"])
        sheet.write_datetime(
            1, 1, self._local(fields.Datetime.from_string(data["generated"])), styles["date"]
        )
        row = 2
        for label, value in data["filter_labels"].items():
            sheet.write(row, 0, label, styles["label"])
            sheet.write(row, 1, value)
            row += 1
        row += 1
        sheet.write_row(row, 0, [_("Indicator"), _("Count")], styles["header"])
        for tile in data["tiles"]:
            row += 1
            sheet.write(row, 0, tile["label"])
            sheet.write_number(row, 1, tile["count"], styles["integer"])
        row += 2
        header = row
        sheet.write_row(
            row,
            0,
            [
                _("Department"),
                _("Supervisor"),
                _("Planned (h)"),
                _("Available (h)"),
                _("Load"),
                _("To accept"),
                _("In progress"),
                _("Blocked"),
                _("Overdue"),
                _("Check-ins"),
            ],
            styles["header"],
        )
        for department in data["departments"]:
            row += 1
            sheet.write_row(row, 0, [department["name"], department["supervisor"]])
            sheet.write_number(row, 2, department["planned_hours"], styles["number"])
            sheet.write_number(row, 3, department["available_hours"], styles["number"])
            sheet.write_number(row, 4, department["load_percent"] / 100.0, styles["load"])
            for col, key in enumerate(("ready", "in_progress", "blocked", "overdue"), start=5):
                sheet.write_number(row, col, department[key], styles["integer"])
            sheet.write(row, 9, _("OK") if department["compliant"] else _("Late"))
        last_department = row
        total = data.get("load_total")
        if total:
            # Not in the chart: the departments together, planned over available.
            row += 1
            sheet.write(row, 0, _("All departments"), styles["label"])
            sheet.write_number(row, 2, total["planned_hours"], styles["number"])
            sheet.write_number(row, 3, total["available_hours"], styles["number"])
            sheet.write_number(row, 4, total["load_percent"] / 100.0, styles["load"])
        if last_department > header:
            self._highlight(sheet, (header + 1, 4, row, 4), ">", 1, styles["late"])
            self._highlight(sheet, (header + 1, 7, last_department, 8), ">", 0, styles["blocked"])
            self._highlight(
                sheet,
                (header + 1, 9, last_department, 9),
                "==",
                f'"{_("Late")}"',
                styles["late"],
            )
            chart = workbook.add_chart({"type": "column"})
            for col, name in ((2, _("Planned (h)")), (3, _("Available (h)"))):
                chart.add_series(
                    {
                        "name": name,
                        "categories": [sheet.name, header + 1, 0, last_department, 0],
                        "values": [sheet.name, header + 1, col, last_department, col],
                    }
                )
            chart.set_title(
                {"name": _("Load versus capacity (hours, first week of the load report)")}
            )
            chart.set_y_axis({"name": _("Hours")})
            chart.set_size({"width": 720, "height": 300})
            sheet.insert_chart(row + 2, 0, chart)
        sheet.freeze_panes(1, 0)

    @api.model
    def _sheet_orders(self, workbook, styles, data):
        sheet = workbook.add_worksheet(_("Orders"))
        headers = [
            _("Rank"),
            _("Order"),
            _("Product"),
            _("Quantity"),
            _("Customer"),
            _("Committed"),
            _("Forecast"),
            _("Delay (days)"),
            _("Components"),
            _("Route"),
            _("Current department"),
            _("Handoff"),
            _("Expedited"),
            _("Blocker"),
            _("Special requests"),
        ]
        widths = [6, 16, 30, 9, 22, 17, 17, 11, 12, 26, 18, 12, 10, 40, 40]
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        sheet.write_row(0, 0, headers, styles["header"])
        readiness = dict(self.env["mrp.production"]._fields["coordination_readiness"].selection)
        legs = dict(self.env["coordination.handoff"]._fields["state"].selection)
        orders = (
            order
            for batch in (
                [data["orders"]] if "orders" in data else self._order_batches(data["order_domain"])
            )
            for order in batch
        )
        last = 0
        for row, order in enumerate(orders, start=1):
            last = row
            sheet.write_number(row, 0, order["coordination_rank"] or 0, styles["integer"])
            sheet.write(row, 1, order["name"])
            sheet.write(row, 2, order["product_id"][1] if order["product_id"] else "")
            sheet.write_number(row, 3, order["product_qty"], styles["number"])
            sheet.write(
                row,
                4,
                order["coordination_partner_id"][1] if order["coordination_partner_id"] else "",
            )
            for col, key in ((5, "coordination_date_committed"), (6, "coordination_date_forecast")):
                if order[key]:
                    sheet.write_datetime(row, col, self._local(order[key]), styles["date"])
            sheet.write_number(row, 7, order["coordination_delay_days"], styles["number"])
            sheet.write(row, 8, readiness.get(order["coordination_readiness"], ""))
            sheet.write(row, 9, order["coordination_route_summary"] or "")
            department = order["coordination_current_department_id"]
            sheet.write(row, 10, department[1] if department else "")
            sheet.write(row, 11, legs.get(order["coordination_current_state"], ""))
            sheet.write(row, 12, _("Yes") if order["coordination_is_expedited"] else "")
            sheet.write(row, 13, order["blocker"])
            sheet.write(row, 14, order.get("special_requests", ""))
        sheet.freeze_panes(1, 2)
        sheet.autofilter(0, 0, max(last, 1), len(headers) - 1)
        if last:
            self._highlight(sheet, (1, 7, last, 7), ">", 0, styles["late"])
            self._highlight(
                sheet, (1, 11, last, 11), "==", f'"{legs["blocked"]}"', styles["blocked"]
            )

    @api.model
    def _sheet_departments(self, workbook, styles, data):
        sheet = workbook.add_worksheet(_("Departments"))
        headers = [
            _("Department"),
            _("Code"),
            _("Supervisor"),
            _("To accept"),
            _("In progress"),
            _("Blocked"),
            _("Overdue"),
            _("Progress"),
            _("Open work (h)"),
            _("Late check-ins"),
            _("Compliant"),
        ]
        for col, width in enumerate([22, 8, 22, 10, 11, 9, 9, 10, 13, 13, 11]):
            sheet.set_column(col, col, width)
        sheet.write_row(0, 0, headers, styles["header"])
        for row, department in enumerate(data["departments"], start=1):
            done, expected = data["progress"].get(department["id"], (0.0, 0.0))
            sheet.write_row(
                row, 0, [department["name"], department["code"], department["supervisor"]]
            )
            for col, key in enumerate(("ready", "in_progress", "blocked", "overdue"), start=3):
                sheet.write_number(row, col, department[key], styles["integer"])
            sheet.write_number(
                row, 7, min(done / expected, 1.0) if expected else 0.0, styles["percent"]
            )
            sheet.write_number(row, 8, max(expected - done, 0.0) / 60.0, styles["number"])
            sheet.write_number(row, 9, department["late_checkins"], styles["integer"])
            sheet.write(row, 10, _("Yes") if department["compliant"] else _("No"))
        last = len(data["departments"])
        sheet.freeze_panes(1, 1)
        sheet.autofilter(0, 0, max(last, 1), len(headers) - 1)
        if last:
            self._highlight(sheet, (1, 5, last, 6), ">", 0, styles["blocked"])

    @api.model
    def _highlight(self, sheet, cells, criteria, value, style):
        """Colour the cells (first row, first column, last row, last column) whose value
        compares to `value` (a spreadsheet conditional format: it follows edits and sorting)."""
        sheet.conditional_format(
            *cells, {"type": "cell", "criteria": criteria, "value": value, "format": style}
        )

    @api.model
    def _sheet_table(self, workbook, styles, name, columns, rows):
        """A sheet of one table: header row frozen, filters, widths. `columns` are
        (title, width, style key or None, value function)."""
        sheet = workbook.add_worksheet(name)
        for col, (title, width, _style, _value) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(0, col, title, styles["header"])
        for row, record in enumerate(rows, start=1):
            for col, (_title, _width, style, value) in enumerate(columns):
                cell = value(record)
                if cell is False or cell is None or cell == "":
                    continue
                if style == "date":
                    sheet.write_datetime(row, col, self._local(cell), styles["date"])
                elif style:
                    sheet.write_number(row, col, cell, styles[style])
                else:
                    sheet.write(row, col, cell)
        sheet.freeze_panes(1, 1)
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
        return sheet

    @api.model
    def _sheet_shortages(self, workbook, styles, data):
        def name(key):
            return lambda row: row[key][1] if row[key] else ""

        rows = data["all_shortages"]
        sheet = self._sheet_table(
            workbook,
            styles,
            _("Shortages"),
            [
                (_("Component"), 32, None, name("coordination_product_id")),
                (_("Warehouse"), 16, None, name("coordination_warehouse_id")),
                (_("Missing"), 10, "number", lambda row: row["coordination_shortage_qty"]),
                (_("Unit"), 8, None, name("coordination_uom_id")),
                (_("Needed"), 17, "date", lambda row: row["coordination_date_need"]),
                (_("Severity"), 10, None, lambda row: row["severity_label"]),
                (_("Orders"), 8, "integer", lambda row: row["coordination_production_count"]),
                (_("Vendor"), 24, None, name("coordination_vendor_id")),
                (_("Lead time (days)"), 10, "number", lambda row: row["coordination_lead_days"]),
                (_("Purchase"), 14, None, name("coordination_purchase_id")),
            ],
            rows,
        )
        if rows:
            severities = dict(self.env["project.task"]._fields["coordination_severity"].selection)
            self._highlight(
                sheet, (1, 5, len(rows), 5), "==", f'"{severities["critical"]}"', styles["late"]
            )

    @api.model
    def _sheet_deliveries(self, workbook, styles, data):
        def name(key):
            return lambda row: row[key][1] if row[key] else ""

        risks = dict(
            self.env["purchase.order.line"]._fields["coordination_delivery_risk"].selection
        )
        rows = data["deliveries"]
        sheet = self._sheet_table(
            workbook,
            styles,
            _("Vendor deliveries"),
            [
                (_("Purchase"), 14, None, name("order_id")),
                (_("Vendor"), 24, None, name("partner_id")),
                (_("Component"), 32, None, name("product_id")),
                (_("Ordered"), 10, "number", lambda row: row["product_qty"]),
                (_("Received"), 10, "number", lambda row: row["qty_received"]),
                (_("Unit"), 8, None, name("product_uom")),
                (_("Expected"), 17, "date", lambda row: row["date_planned"]),
                (_("Needed"), 17, "date", lambda row: row["coordination_date_needed"]),
                (_("Risk"), 10, None, lambda row: risks.get(row["coordination_delivery_risk"], "")),
                (_("Orders"), 30, None, lambda row: row["coordination_production_names"] or ""),
            ],
            rows,
        )
        if rows:
            for risk, style in (("late", "late"), ("at_risk", "blocked")):
                self._highlight(
                    sheet, (1, 8, len(rows), 8), "==", f'"{risks[risk]}"', styles[style]
                )

    # Weekly digest ----------------------------------------------------------------------------

    @api.model
    def _cron_send_digest(self):
        """Send each company's weekly digest on its day, once per week even if run twice; a
        company whose digest fails is skipped (tried again at the next run) and reported
        (``coordination.batch``)."""
        today = fields.Date.context_today(self)
        monday = today - timedelta(days=today.weekday())
        companies = self.env["res.company"].search(
            [
                ("coordination_digest_weekday", "=", str(today.weekday())),
                "|",
                ("coordination_digest_last_week", "=", False),
                ("coordination_digest_last_week", "<", monday),
            ]
        )

        def process(batch):
            for company in batch:
                self._send_digest(company)
                company.coordination_digest_last_week = monday

        return self.env["coordination.batch"]._run_isolated(
            companies, process, _lt("Weekly status digest")
        )

    @api.model
    def _send_digest(self, company):
        """Email the summary in the body and the XLSX attached to the company's recipients."""
        recipients = (
            company.coordination_digest_user_ids.partner_id
            | company.coordination_digest_partner_ids
        )
        if company.coordination_digest_supervisors:
            recipients |= (
                self.env["coordination.department"]
                .search([("company_id", "=", company.id)])
                .supervisor_id.partner_id
            )
        recipients = recipients.filtered("email")
        if not recipients:
            return self.env["mail.mail"]
        report = self.with_company(company).with_context(allowed_company_ids=company.ids)
        mails = self.env["mail.mail"]
        # One mail per language and time zone: each recipient reads it in theirs.
        groups = recipients._coordination_group_by_mail_context(company)
        for (lang, tz), partners in groups.items():
            mails |= report.with_context(lang=lang, tz=tz)._create_digest_mail(company, partners)
        return mails

    def _create_digest_mail(self, company, partners):
        """The status digest of `company` to `partners`, in the language and time zone of the
        context."""
        filters = {"company_ids": company.ids}
        data = self._collect(filters)
        body = self.env["ir.qweb"]._render(
            "production_coordination.status_digest_mail", {"data": data, "company": company}
        )
        name = self.env._("Status report %(date)s.xlsx", date=fields.Date.context_today(self))
        attachment = self.env["ir.attachment"].create(
            {"name": name, "raw": self._build_xlsx(filters), "mimetype": XLSX_MIMETYPE}
        )
        return self.env["mail.mail"].create(
            {
                "subject": self.env._("%(company)s: production status", company=company.name),
                "body_html": body,
                "email_from": company.email_formatted or self.env.user.email_formatted,
                "recipient_ids": [(6, 0, partners.ids)],
                "attachment_ids": [(6, 0, attachment.ids)],
                "auto_delete": True,
            }
        )
