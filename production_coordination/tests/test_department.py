# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, users
from odoo.tools import mute_logger

from .common import CoordinationCase


class TestDepartment(CoordinationCase):
    @users("pc_coordinator")
    def test_coordinator_creates_department_with_form(self):
        with Form(self.env["coordination.department"]) as form:
            form.name = "Welding"
            form.code = "WLD"
            form.supervisor_id = self.supervisor
            form.member_ids.add(self.staff)
        department = form.record
        self.assertEqual(department.company_id, self.env.company)
        self.assertEqual(department.member_count, 1)

    @users("pc_supervisor")
    def test_supervisor_edits_own_department_only(self):
        own = self.department.with_user(self.env.user)
        own.member_ids = [(4, self.plain_user.id)]
        self.assertIn(self.plain_user, own.member_ids)
        other = self.env["coordination.department"].sudo().create({"name": "Paint", "code": "PNT"})
        with self.assertRaises(AccessError):
            other.with_user(self.env.user).name = "Painting"
        with self.assertRaises(AccessError):
            self.env["coordination.department"].create({"name": "New", "code": "NEW"})

    @users("pc_staff")
    def test_staff_reads_but_cannot_change(self):
        department = self.department.with_user(self.env.user)
        self.assertEqual(department.supervisor_id, self.supervisor)
        with self.assertRaises(AccessError):
            department.name = "Renamed"

    @users("pc_plain")
    def test_plain_user_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["coordination.department"].search([])

    def test_code_is_unique_per_company(self):
        departments = self.env["coordination.department"]
        with self.assertRaises(ValidationError) as refused:
            departments.create({"name": "Twin", "code": "TASM"})
        self.assertIn("Test Assembly", str(refused.exception))
        other = departments.create({"name": "Paint", "code": "PNT"})
        with self.assertRaises(ValidationError):
            other.code = "TASM"
        with self.assertRaises(ValidationError):
            departments.create([{"name": "A", "code": "DUP"}, {"name": "B", "code": "DUP"}])
        # An archived department keeps its code.
        other.active = False
        with self.assertRaises(ValidationError):
            departments.create({"name": "Paint again", "code": "PNT"})

    def test_code_unique_in_database(self):
        # The database constraint holds even when the check is bypassed (concurrent creates).
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env.cr.execute(
                "INSERT INTO coordination_department (name, code, company_id, active, sequence)"
                " VALUES ('{\"en_US\": \"Twin\"}', 'TASM', %s, true, 10)",
                [self.company.id],
            )

    def test_same_code_in_another_company(self):
        other_company = self.env["res.company"].create({"name": "Second Plant"})
        department = self.env["coordination.department"].create(
            {"name": "Assembly", "code": "TASM", "company_id": other_company.id}
        )
        self.assertEqual(department.company_id, other_company)

    def test_company_rule_hides_other_company(self):
        other_company = self.env["res.company"].create({"name": "Second Plant"})
        self.env["coordination.department"].create(
            {"name": "Hidden", "code": "HID", "company_id": other_company.id}
        )
        visible = self.env["coordination.department"].with_user(self.coordinator).search([])
        self.assertNotIn("HID", visible.mapped("code"))
        self.assertIn("TASM", visible.mapped("code"))


class TestDepartmentWorkcenters(CoordinationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.saw = cls.env["mrp.workcenter"].create({"name": "Saw for departments"})

    def test_work_center_in_two_departments_is_refused(self):
        self.department.workcenter_ids = self.saw
        other = self.env["coordination.department"].create({"name": "Metal", "code": "MET"})
        with self.assertRaises(ValidationError) as refused:
            other.workcenter_ids = self.saw
        message = str(refused.exception)
        self.assertIn("Test Assembly", message)
        self.assertIn("Metal", message)
        # Archived departments release their work centers.
        self.department.active = False
        other.workcenter_ids = self.saw
        with self.assertRaises(ValidationError):
            self.department.active = True

    def test_work_center_shared_across_companies(self):
        self.saw.company_id = False
        self.department.workcenter_ids = self.saw
        other_company = self.env["res.company"].create({"name": "Second Plant"})
        department = self.env["coordination.department"].create(
            {"name": "Metal", "code": "MET", "company_id": other_company.id}
        )
        department.workcenter_ids = self.saw
        self.assertEqual(self.saw.coordination_department_ids, self.department | department)

    @users("pc_supervisor")
    def test_supervisor_changes_members_only(self):
        department = self.department.with_user(self.env.user)
        department.member_ids = [(4, self.plain_user.id)]
        with self.assertRaises(AccessError):
            department.handoff_acceptance_hours = 10
        with self.assertRaises(AccessError):
            department.workcenter_ids = self.saw
        self.assertFalse(department.can_configure)
