# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Figures that agree: the priority board's delay and slack (empty without a committed date,
early delays said as such) and the MO's component readiness beside Odoo's component status
(explained wherever the two differ), as the coordinator reads them in the MO form."""

from datetime import datetime, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo.tests import Form
from odoo.tools import format_date

from ..models.coordination_format import format_delay_days
from .common import MONDAY_8, RouteCase
from .common_materials import PhysicalCase
from .common_priority import PriorityCase


class TestPriorityBoardFigures(PriorityCase):
    def _form(self, production):
        production.invalidate_recordset()
        return Form(production.with_user(self.coordinator))

    def test_delay_words(self):
        env = self.env
        self.assertEqual(format_delay_days(env, 2.46), "2.5 days late")
        self.assertEqual(format_delay_days(env, -2.0), "2.0 days early")
        self.assertEqual(format_delay_days(env, 0.02), "on time")
        self.assertEqual(format_delay_days(env, -0.03), "on time")

    @freeze_time(MONDAY_8)
    def test_no_slack_or_delay_without_a_committed_date(self):
        self._stock(10)
        production = self._make_mo()
        self.assertFalse(production.coordination_date_committed)
        form = self._form(production)
        self.assertFalse(form.coordination_slack_label)
        self.assertFalse(form.coordination_delay_label)

    @freeze_time(MONDAY_8)
    def test_slack_and_delay_with_a_committed_date(self):
        self._stock(10)
        production = self._make_mo(committed=datetime(2026, 11, 23, 16, 0))
        # Done long before the promise: the delay is negative, and said to be early.
        self.assertLess(production.coordination_delay_days, -1 / 24)
        form = self._form(production)
        self.assertEqual(form.coordination_slack_label, "7 h")
        self.assertEqual(
            form.coordination_delay_label,
            f"{-production.coordination_delay_days:.1f} days early",
        )
        # Two days later the promise is behind: 9 working hours late.
        with freeze_time(datetime(2026, 11, 25, 8, 0)):
            production._coordination_refresh_priority()
            form = self._form(production)
            self.assertEqual(form.coordination_slack_label, "9 h short")
            self.assertEqual(
                form.coordination_delay_label,
                f"{production.coordination_delay_days:.1f} days late",
            )
        # Finished orders have no delay or slack to show.
        production.action_cancel()
        form = self._form(production)
        self.assertFalse(form.coordination_slack_label)
        self.assertFalse(form.coordination_delay_label)

    @freeze_time(MONDAY_8)
    def test_a_late_delivery_is_explained(self):
        """Odoo says "expected" for a receipt due three days ago: it has not come, our readiness
        says late, and says why."""
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "scheduled_date": MONDAY_8 - timedelta(days=3),
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "P-Plate",
                            "product_id": self.component.id,
                            "product_uom_qty": 2,
                            "product_uom": self.component.uom_id.id,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                            "date": MONDAY_8 - timedelta(days=3),
                        },
                    )
                ],
            }
        )
        receipt.action_confirm()
        production = self._make_mo(date_start=MONDAY_8)
        form = self._form(production)
        self.assertEqual(production.coordination_readiness, "late")
        self.assertEqual(form.components_availability_state, "expected")
        # Odoo shows the date the receipt was due; the note says it has not come.
        due = format_date(self.env, (MONDAY_8 - timedelta(days=3)).date())
        self.assertEqual(
            form.coordination_readiness_note, f"Late delivery: due on {due}, not received yet."
        )


class TestReadinessNotes(PhysicalCase):
    def _note(self, production):
        """Odoo's component status and our note, as the coordinator's MO form shows them."""
        production.invalidate_recordset()
        form = Form(production.with_user(self.coordinator))
        return form.components_availability_state, form.coordination_readiness_note

    def test_agreeing_figures_need_no_note(self):
        self._stock(10)
        production = self._make_mo(2, 2)
        production._coordination_refresh_priority()
        self.assertEqual(self._readiness(production), "ready")
        self.assertEqual(self._note(production), ("available", False))

    def test_stock_reserved_by_a_later_order(self):
        self._stock(4)
        later = self._make_mo(2, 10)  # confirmed first: reserves the 4 tubes
        earlier = self._make_mo(2, 2)  # needs them first, finds none to reserve
        (earlier | later)._coordination_refresh_priority()
        # Ready for us (on hand, needed first), not available for Odoo (reserved elsewhere).
        self.assertEqual(self._readiness(earlier), "ready")
        self.assertEqual(
            self._note(earlier),
            ("unavailable", "On hand, reserved for later orders: move their reservations here."),
        )
        # The later order holds a reservation the earlier one needs: short for us.
        self.assertEqual(self._readiness(later), "short")
        self.assertEqual(
            self._note(later),
            (
                "available",
                "Reserved here, but earlier orders need this stock first, and nothing incoming "
                "covers this order.",
            ),
        )
        # A receipt comes before the later order needs the tubes: expected, said with its date.
        self._make_po(4, 6)
        (earlier | later)._coordination_refresh_priority()
        self.assertEqual(self._readiness(later), "expected")
        when = format_date(self.env, later.coordination_date_components.date())
        self.assertEqual(
            self._note(later),
            (
                "available",
                f"Reserved here, but earlier orders need this stock first: more is expected on "
                f"{when}.",
            ),
        )

    def test_reserved_but_not_on_hand(self):
        production = self._make_wo_mo(2, 2)  # 4 tubes, nothing on hand
        self._start(production)  # Odoo reserves the 4 tubes anyway
        self.assertEqual(self._readiness(production), "short")
        self.assertEqual(
            self._note(production),
            ("available", "Reserved but not on hand, and nothing incoming covers it."),
        )
        order = self._make_po(4, 1)
        production._coordination_refresh_priority()
        self.assertEqual(self._readiness(production), "late")
        when = format_date(self.env, production.coordination_date_components.date())
        self.assertEqual(
            self._note(production),
            ("available", f"Reserved but not on hand: expected on {when} (late delivery)."),
        )
        self._receive(order, 4)
        production._coordination_refresh_priority()
        self.assertEqual(self._note(production), ("available", False))


class TestCoordinationTab(RouteCase):
    """The MO's Coordination tab: the route first, times to the minute, and no planned time
    made up for legs whose work is not planned."""

    def test_waiting_legs_show_no_made_up_plan(self):
        production = self._make_mo()
        self.assertFalse(production.is_planned)
        assembly = self._leg(production, self.assembly).with_user(self.coordinator)
        self.assertEqual(assembly.state, "waiting")
        # Not planned: no time (it used to show the MO's start, a time nobody planned).
        self.assertFalse(assembly.date_planned_start)
        self.assertFalse(assembly.date_planned_finished)
        # Planned: the time of its work orders.
        production.button_plan()
        assemble = self._wo(production, "Assemble")
        self.assertTrue(assemble.date_start)
        assembly.invalidate_recordset()
        self.assertEqual(assembly.date_planned_start, assemble.date_start)
        self.assertEqual(assembly.date_planned_finished, assemble.date_finished)

    def test_route_first_and_times_to_the_minute(self):
        production = self._make_mo().with_user(self.coordinator)
        arch = etree.fromstring(production.get_views([(False, "form")])["views"]["form"]["arch"])
        page = arch.xpath("//page[@name='coordination']")[0]
        # Not comments, nor a warning banner shown only when there is something to warn of (a
        # method changed: issue 16's change notices).
        elements = [
            child for child in page if isinstance(child.tag, str) and child.get("role") != "alert"
        ]
        self.assertEqual(elements[0].get("name"), "coordination_route")
        fields_info = production.fields_get(attributes=["type"])
        for node in page.iter("field"):
            name = node.get("name")
            if node.getparent().tag == "kanban":
                continue  # declared for the card's conditions, not shown
            model_fields = fields_info
            if node.xpath("ancestor::field"):
                # A field of a leg or another one2many line of the tab.
                parent = node.xpath("ancestor::field")[-1].get("name")
                comodel = production._fields[parent].comodel_name
                model_fields = self.env[comodel].fields_get(attributes=["type"])
            hidden = node.get("invisible") in ("1", "True") or node.get("column_invisible") in (
                "1",
                "True",
            )
            if model_fields.get(name, {}).get("type") != "datetime" or hidden:
                continue
            options = node.get("options") or ""
            self.assertIn("'show_seconds': false", options, f"{name} shows seconds")


class TestDurationWidgets(RouteCase):
    def test_no_minutes_shown_as_hours(self):
        """Odoo's float_time widget reads a value as hours: never on a field kept in minutes
        (2430 minutes read "2430:00"), in any view of ours."""
        views = self.env["ir.ui.view"].search(
            [
                (
                    "model_data_id.module",
                    "in",
                    ("production_coordination", "production_coordination_media"),
                ),
            ]
        )
        self.assertTrue(views)
        checked = 0
        for view in views:
            arch = etree.fromstring(view.arch_db)
            for node in arch.iter("field"):
                if node.get("widget") != "float_time":
                    continue
                checked += 1
                field = self.env[view.model]._fields.get(node.get("name"))
                name = node.get("name")
                self.assertNotIn(
                    "minute",
                    f"{name} {field.string if field else ''} {field.help if field else ''}".lower(),
                    f"{view.xml_id}: {name} is in minutes",
                )
                if view.model.startswith("mrp."):
                    # Odoo's work-order durations are in minutes (a meeting's are in hours).
                    self.assertNotIn(name, ("duration", "duration_expected"), view.xml_id)
        self.assertTrue(checked)  # hours (acceptance time, load) still use it
