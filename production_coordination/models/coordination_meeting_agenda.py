# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a meeting about some records should discuss and who should come: the agenda (one item
per record with its open problems and a link), the attendees the problems call for, and what
each is asked to bring. Read in a number of queries that does not grow with the records."""

from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.misc import format_date, format_datetime

from .coordination_const import CLOSED_TASK_STATES, OPEN_MO_STATES
from .coordination_format import format_number

# Records per section of a weekly meeting's agenda (the rest: "and N more" in the dashboard).
WEEKLY_LIMIT = 25


class AgendaPlan:
    """The agenda being built: items per record, invitations per partner."""

    def __init__(self):
        self.items = {}  # (model, id) -> {"model", "id", "name", "problems": [str]}
        self.bring = defaultdict(lambda: defaultdict(list))  # partner -> topic -> [details]
        self.partners = {}  # partner id -> partner

    def item(self, record, problems=()):
        key = (record._name, record.id)
        item = self.items.setdefault(
            key,
            {"model": record._name, "id": record.id, "name": record.display_name, "problems": []},
        )
        item["problems"] += [problem for problem in problems if problem not in item["problems"]]
        return item

    def ask(self, partner, topic, detail=None):
        """Invite `partner` (a res.partner, possibly empty) and ask them to bring `topic`
        (about `detail`)."""
        if not partner:
            return
        self.partners[partner.id] = partner
        details = self.bring[partner.id][topic]
        if detail and detail not in details:
            details.append(detail)


class CoordinationMeetingAgenda(models.AbstractModel):
    _name = "coordination.meeting.agenda"
    _description = "Coordination Meeting Agenda"

    @api.model
    def _sections(self):
        """{model: section title}, in the agenda's order."""
        return {
            "mrp.production": self.env._("Manufacturing orders"),
            "purchase.order": self.env._("Purchase orders"),
            "project.task": self.env._("Low-stock tasks"),
            "sale.order": self.env._("Sales orders"),
            "coordination.special.request": self.env._("Special customer requests"),
        }

    @api.model
    def _build(self, records_list, kind="coordination"):
        """The agenda of a meeting about `records_list` (recordsets of the meeting models):
        {"items": [{"model", "id", "name", "problems"}], "html": the agenda,
        "attendees": {partner id: what they are asked to bring, one text},
        "partners": res.partner}. Customers and vendors are invited to customer and vendor
        meetings only."""
        plan = AgendaPlan()
        by_model = defaultdict(list)
        for records in records_list:
            by_model[records._name] += records.ids
        order = list(self._sections())
        for model in sorted(by_model, key=order.index):
            records = self.env[model].browse(dict.fromkeys(by_model[model]))
            getattr(self, "_agenda_" + model.replace(".", "_"))(records, plan, kind)
        items = sorted(
            plan.items.values(), key=lambda item: (order.index(item["model"]), item["name"])
        )
        partners = self.env["res.partner"].browse(list(plan.partners))
        # Not the archived users (OdooBot, who made the MOs of a script, people who left).
        partners = partners.filtered(
            lambda partner: partner.user_ids or not partner.with_context(active_test=False).user_ids
        )
        return {
            "items": items,
            "html": self._html(items),
            "attendees": {
                partner.id: self._bring_text(plan.bring[partner.id]) for partner in partners
            },
            "partners": partners,
        }

    @api.model
    def _bring_text(self, topics):
        return "\n".join(
            f"{topic}: {'; '.join(details)}" if details else topic
            for topic, details in topics.items()
        )

    @api.model
    def _html(self, items):
        """The agenda as HTML: a numbered list per section, each record a link with its
        problems."""
        if not items:
            return Markup("<p>%s</p>") % self.env._("No open problem on these records.")
        html = Markup()
        for model, label in self._sections().items():
            section = [item for item in items if item["model"] == model]
            if not section:
                continue
            lines = Markup().join(
                Markup('<li><a href="/odoo/%s/%s">%s</a>%s</li>')
                % (
                    item["model"],
                    item["id"],
                    item["name"],
                    Markup(" — %s") % "; ".join(item["problems"]) if item["problems"] else "",
                )
                for item in section
            )
            html += Markup("<h4>%s</h4><ol>%s</ol>") % (label, lines)
        return html

    # What each kind of record brings to the agenda -----------------------------------------------

    @api.model
    def _agenda_mrp_production(self, productions, plan, kind):
        """Late, at risk, short of components; legs blocked or waiting too long for
        acceptance. The responsible brings a recovery plan; the supervisors of the departments
        holding a blocked or overdue leg bring the state of those handoffs."""
        env = self.env
        now = fields.Datetime.now()
        legs = env["coordination.handoff"].search(
            [
                ("production_id", "in", productions.ids),
                "|",
                ("state", "=", "blocked"),
                ("is_overdue", "=", True),
            ]
        )
        legs_by_mo = defaultdict(list)
        for leg in legs:
            legs_by_mo[leg.production_id.id].append(leg)
        for production in productions:
            problems = []
            committed = production.coordination_date_committed
            if production.state in OPEN_MO_STATES and committed and committed < now:
                problems.append(
                    env._(
                        "late: committed %(date)s, forecast %(delay)s",
                        date=format_date(env, committed),
                        delay=production.coordination_delay_label or "",
                    )
                    if production.coordination_delay_label
                    else env._("late: committed %(date)s", date=format_date(env, committed))
                )
            elif production.coordination_is_delayed:
                problems.append(
                    env._(
                        "at risk: forecast after the committed date %(date)s",
                        date=format_date(env, committed),
                    )
                )
            if production.coordination_readiness in ("short", "late"):
                problems.append(
                    env._("components short")
                    if production.coordination_readiness == "short"
                    else env._("components late")
                )
            for leg in legs_by_mo[production.id]:
                department = leg.department_id
                if leg.state == "blocked":
                    text = env._(
                        "blocked at %(department)s: %(reason)s",
                        department=department.name,
                        reason=leg.block_reason or "",
                    )
                else:
                    text = env._(
                        "waiting for %(department)s to accept since %(date)s",
                        department=department.name,
                        date=format_datetime(env, leg.date_ready, dt_format="short"),
                    )
                problems.append(text)
                plan.ask(
                    department.supervisor_id.partner_id,
                    env._("The state of your blocked or overdue handoffs"),
                    f"{production.name} ({text})",
                )
            plan.item(production, problems)
            if problems:
                plan.ask(
                    production.user_id.partner_id,
                    env._("A recovery plan for your orders"),
                    f"{production.name} ({problems[0]})",
                )
            elif len(productions) == 1:  # the meeting is about it: its responsible comes
                plan.ask(
                    production.user_id.partner_id,
                    env._("The state of your orders"),
                    production.name,
                )

    @api.model
    def _agenda_purchase_order(self, orders, plan, kind):
        """Lines late or at risk for the MOs they feed. The buyer brings the vendor's
        confirmed dates; at a vendor meeting, the vendor brings them."""
        env = self.env
        lines = env["purchase.order.line"].search(
            [
                ("order_id", "in", orders.ids),
                ("coordination_delivery_risk", "in", ("late", "at_risk")),
            ]
        )
        lines_by_order = defaultdict(list)
        for line in lines:
            lines_by_order[line.order_id.id].append(line)
        for order in orders:
            problems = []
            for line in lines_by_order[order.id]:
                label = (
                    env._("late") if line.coordination_delivery_risk == "late" else env._("at risk")
                )
                problems.append(
                    env._(
                        "%(product)s %(risk)s: expected %(expected)s, needed %(needed)s "
                        "(%(orders)s)",
                        product=line.product_id.display_name,
                        risk=label,
                        expected=format_date(env, line.date_planned),
                        needed=format_date(env, line.coordination_date_needed),
                        orders=line.coordination_production_names or "",
                    )
                )
            plan.item(order, problems)
            detail = order.name
            plan.ask(
                order.user_id.partner_id, env._("The vendor's confirmed delivery dates"), detail
            )
            if kind == "vendor":
                plan.ask(
                    order.partner_id,
                    env._("Confirmed delivery dates of the open lines"),
                    detail,
                )

    @api.model
    def _agenda_project_task(self, tasks, plan, kind):
        """Low-stock tasks: the shortage, its need date, the orders it blocks, the purchase
        order made for it (which comes to the agenda too). The buyers bring the order's
        status; at a vendor meeting, the vendor brings the earliest delivery date."""
        env = self.env
        tasks = tasks.filtered("coordination_warehouse_id")
        for task in tasks:
            product = task.coordination_product_id.display_name
            # Formatted outside the translated calls: the .pot extraction evaluates their strings.
            qty = format_number(env, task.coordination_shortage_qty, 3, trim=True)
            problems = []
            if task.state not in CLOSED_TASK_STATES:
                problems.append(
                    env._(
                        "%(qty)s %(uom)s missing at %(warehouse)s, needed %(date)s",
                        qty=qty,
                        uom=task.coordination_uom_id.name or "",
                        warehouse=task.coordination_warehouse_id.code,
                        date=format_date(env, task.coordination_date_need),
                    )
                )
                if task.coordination_production_count:
                    problems.append(env._("orders blocked: %s", task.coordination_production_count))
            plan.item(task, problems)
            for buyer in task.user_ids:
                plan.ask(buyer.partner_id, env._("The status of the purchase for"), product)
            if kind == "vendor":
                plan.ask(
                    task.coordination_vendor_id,
                    env._("The earliest delivery date for"),
                    env._(
                        "%(qty)s %(uom)s of %(product)s",
                        qty=qty,
                        uom=task.coordination_uom_id.name or "",
                        product=product,
                    ),
                )
        orders = tasks.coordination_purchase_id
        if orders:
            self._agenda_purchase_order(orders, plan, kind)

    @api.model
    def _agenda_sale_order(self, orders, plan, kind):
        """The order's commitment and the MOs made for it (with their problems). The
        salesperson brings the customer's priorities; at a customer meeting, the customer
        brings theirs."""
        env = self.env
        for order in orders:
            problems = []
            if order.commitment_date:
                problems.append(
                    env._("committed %(date)s", date=format_date(env, order.commitment_date))
                )
            plan.item(order, problems)
            plan.ask(
                order.user_id.partner_id,
                env._("The customer's priorities and dates"),
                order.name,
            )
            if kind == "customer":
                plan.ask(order.partner_id, env._("Your priorities and any change to"), order.name)
        productions = orders.mrp_production_ids.filtered(
            lambda production: production.state not in ("done", "cancel")
        )
        if productions:
            self._agenda_mrp_production(productions, plan, kind)

    @api.model
    def _agenda_coordination_special_request(self, requests, plan, kind):
        """A special request: its category and state, the departments concerned (whose
        supervisors bring how they handle it), the customer (at a customer meeting) and the
        salesperson; its MO and, when the user may read it, its sales order come too."""
        env = self.env
        categories = dict(requests._fields["category"]._description_selection(env))
        states = dict(requests._fields["state"]._description_selection(env))
        for request in requests:
            problems = [
                env._(
                    "%(category)s, %(state)s",
                    category=categories.get(request.category, ""),
                    state=states.get(request.state, ""),
                )
            ]
            if request.department_ids:
                problems.append(
                    env._("departments: %s", ", ".join(request.department_ids.mapped("name")))
                )
            plan.item(request, problems)
            for department in request.department_ids:
                plan.ask(
                    department.supervisor_id.partner_id,
                    env._("How your department handles the special requests"),
                    request.name,
                )
            if kind == "customer":
                plan.ask(request.partner_id, env._("Your expectations for"), request.name)
        orders = requests.sale_order_id._filtered_access("read")
        for order in orders:
            plan.ask(
                order.user_id.partner_id,
                env._("The customer's priorities and dates"),
                order.name,
            )
        productions = requests.production_id.filtered(
            lambda production: production.state not in ("done", "cancel")
        )
        if productions:
            self._agenda_mrp_production(productions, plan, kind)

    # The weekly coordination meeting ---------------------------------------------------------

    @api.model
    def _weekly_records(self, scope):
        """What a weekly coordination meeting of the dashboard's scope discusses: the late or
        at-risk MOs, those with a blocked or overdue leg, the purchase orders with late lines
        and the critical low-stock tasks ("WEEKLY_LIMIT" of each, most urgent first)."""
        env = self.env
        Dashboard = env["coordination.dashboard"]
        now = fields.Datetime.to_string(fields.Datetime.now())
        legs = env["coordination.handoff"].search(
            Dashboard._handoff_domain(scope)
            + ["|", ("state", "=", "blocked"), ("is_overdue", "=", True)],
            limit=WEEKLY_LIMIT,
        )
        productions = legs.production_id | env["mrp.production"].search(
            Dashboard._production_domain(scope)
            + [
                "|",
                ("coordination_date_committed", "<", now),
                ("coordination_is_delayed", "=", True),
            ],
            order="coordination_date_committed, id",
            limit=WEEKLY_LIMIT,
        )
        result = [productions]
        if env.user.has_group("purchase.group_purchase_user"):
            result.append(
                env["purchase.order.line"]
                .search(Dashboard._late_delivery_domain(scope), limit=WEEKLY_LIMIT)
                .order_id
            )
            result.append(
                env["project.task"].search(
                    Dashboard._low_stock_domain(scope)
                    + [("coordination_severity", "=", "critical")],
                    limit=WEEKLY_LIMIT,
                )
            )
        return result
