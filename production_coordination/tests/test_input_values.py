# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What users enter: settings, departments and the values written to our fields are refused
with a ValidationError naming the field, never accepted silently or left to a Python or
PostgreSQL error."""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import GROUP_MANAGER
from .test_i18n import load_languages

WEIGHTS = (
    "coordination_weight_urgency",
    "coordination_weight_components",
    "coordination_weight_expedite",
    "coordination_weight_star",
    "coordination_weight_customer",
    "coordination_weight_age",
)
# field -> values refused
BAD_SETTINGS = {
    **{weight: [-1, -0.01, 1e7, float("nan"), float("inf"), "heavy", [1]] for weight in WEIGHTS},
    "coordination_redundancy_days": [-1, 367, 2**31, 2**63, "week", 1.5e20],
    "coordination_shortage_horizon_days": [0, -5, 3661, 2**40, "month"],
    "coordination_digest_weekday": ["7", 7, "-1", "monday", 0],
}
GOOD_SETTINGS = {
    **dict.fromkeys(WEIGHTS, 0.0),
    "coordination_redundancy_days": 0,
    "coordination_shortage_horizon_days": 1,
    "coordination_digest_weekday": "6",
}


@tagged("post_install", "-at_install")  # settings run every installed addon's set_values
class TestInputValues(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, "pci_admin", groups=f"base.group_system,{GROUP_MANAGER}", name="Ada Admin"
        )
        cls.coordinator = new_test_user(cls.env, "pci_coordinator", groups=GROUP_MANAGER)
        cls.department = cls.env["coordination.department"].create(
            {"name": "Input Cutting", "code": "ICUT"}
        )

    def _refused(self, field, action):
        with self.assertRaises(ValidationError) as caught:
            action()
        self.assertIn(self.env["res.company"]._fields[field].string, str(caught.exception))

    def test_company_settings_are_checked_on_the_company_and_in_settings(self):
        company = self.env.company.with_user(self.admin)
        Settings = self.env["res.config.settings"].with_user(self.admin)
        for field, values in BAD_SETTINGS.items():
            for value in values:
                with self.subTest(field=field, value=value):
                    self._refused(field, lambda: company.write({field: value}))  # noqa: B023
                    self._refused(
                        field,
                        lambda: Settings.create({field: value}).execute(),  # noqa: B023
                    )
        company.write(GOOD_SETTINGS)
        Settings.create({**GOOD_SETTINGS, "coordination_redundancy_days": 366}).execute()
        self.assertEqual(self.env.company.coordination_redundancy_days, 366)

    def test_range_in_the_users_number_format(self):
        """The range and the value refused read as the user's numbers: 1.000.000 in Spanish."""
        load_languages(self.env)
        self.admin.lang = "es_ES"
        company = self.env.company.with_user(self.admin).with_context(lang="es_ES")
        with self.assertRaises(ValidationError) as caught:
            company.write({"coordination_weight_urgency": 1e7})
        self.assertIn("entre 0 y 1.000.000, no 10.000.000", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            company.with_context(lang="en_US").write({"coordination_weight_urgency": 2.5e6})
        self.assertIn("between 0 and 1,000,000, not 2,500,000", str(caught.exception))

    def test_department_code_name_and_acceptance_time(self):
        Department = self.env["coordination.department"].with_user(self.coordinator)
        for vals, field in (
            ({"code": ""}, "Code"),
            ({"code": "   "}, "Code"),
            ({"code": False}, "Code"),
            ({"name": " \t"}, "Name"),
            ({"code": "A\x00B"}, "Code"),
            ({"handoff_acceptance_hours": 8761}, "Acceptance Time Limit"),
            ({"handoff_acceptance_hours": float("inf")}, "Acceptance Time Limit"),
            ({"handoff_acceptance_hours": "soon"}, "Acceptance Time Limit"),
            ({"sequence": 2**31}, "Sequence"),
            ({"color": "red"}, "Color"),
            ({"member_ids": "everybody"}, "Members"),
            ({"member_ids": [[1]]}, "Members"),
            ({"member_ids": [(6, 0, ["x"])]}, "Members"),
            ({"member_ids": [(4, -1)]}, "Members"),
            ({"supervisor_id": "boss"}, "Supervisor"),
            ({"supervisor_id": 2**40}, "Supervisor"),
            ({"supervisor_id": [1]}, "Supervisor"),
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(ValidationError) as caught:
                    Department.create({"name": "Input", "code": "INP", **vals})
                self.assertIn(field, str(caught.exception))
                with self.assertRaises(ValidationError) as caught:
                    self.department.with_user(self.coordinator).write(vals)
                self.assertIn(field, str(caught.exception))
        # Negative: refused by the department's constraint on write (and by the database's
        # CHECK on create, which RPC answers as a ValidationError too).
        with self.assertRaises(ValidationError) as caught:
            self.department.with_user(self.coordinator).handoff_acceptance_hours = -1
        self.assertIn("Acceptance Time Limit", str(caught.exception))
        self.department.with_user(self.coordinator).write(
            {
                "handoff_acceptance_hours": 8760,
                "member_ids": [Command.set(self.coordinator.ids)],
                "sequence": -3,
            }
        )
        self.assertEqual(self.department.handoff_acceptance_hours, 8760)

    def test_dashboard_filters_of_a_user_are_checked_as_values_too(self):
        with self.assertRaises(ValidationError):
            self.coordinator.with_user(self.coordinator).coordination_dashboard_filters = {
                "warehouse_id": float("nan")
            }

    def test_html_takes_text_only(self):
        """A number in an HTML field made Odoo's sanitizer log a warning."""
        checkin = self.env["coordination.checkin"].create({"department_id": self.department.id})
        with self.assertRaises(ValidationError) as caught:
            checkin.with_user(self.coordinator).note = -428305356
        self.assertIn("(note)", str(caught.exception))
        checkin.with_user(self.coordinator).note = "<p>On track</p>"
