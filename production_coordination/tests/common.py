# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user

GROUP_USER = "production_coordination.group_coordination_user"
GROUP_SUPERVISOR = "production_coordination.group_coordination_supervisor"
GROUP_MANAGER = "production_coordination.group_coordination_manager"


class CoordinationCase(TransactionCase):
    """Users of every role and one department they belong to, in the current company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.coordinator = new_test_user(
            cls.env, "pc_coordinator", groups=GROUP_MANAGER, name="Cora Coordinator"
        )
        cls.supervisor = new_test_user(
            cls.env, "pc_supervisor", groups=GROUP_SUPERVISOR, name="Simon Supervisor"
        )
        cls.staff = new_test_user(cls.env, "pc_staff", groups=GROUP_USER, name="Stella Staff")
        cls.plain_user = new_test_user(
            cls.env, "pc_plain", groups="base.group_user", name="Paul Plain"
        )
        cls.department = cls.env["coordination.department"].create(
            {
                "name": "Test Assembly",
                "code": "TASM",
                "supervisor_id": cls.supervisor.id,
                "member_ids": [(6, 0, cls.staff.ids)],
            }
        )
