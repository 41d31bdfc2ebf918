# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import COORDINATION_USER, MEDIA_CREW, MediaCase

MEDIA_ROOT = "production_coordination_media.menu_media_root"
FACTORY_ROOTS = ("production_coordination.menu_coordination_root", "mrp.menu_mrp_root")


class TestMediaApp(MediaCase):
    """Media productions are an app of their own: media coordinators and crew users see its
    menus, not the factory's, and land in it."""

    def _apps(self, user):
        """{xml id: first action} of the apps `user` sees, as the web client loads them."""
        self.env.registry.clear_cache()
        menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)
        return {
            menu["xmlid"]: menu["actionID"]
            for menu in menus.values()
            if menu["id"] != "root" and menu["appID"] == menu["id"]
        }

    def test_media_users_see_the_media_app_not_the_factory(self):
        dashboard = self.env.ref("production_coordination_media.media_dashboard_action")
        coordinator_apps = self._apps(self.coordinator)
        crew_apps = self._apps(self.crew_user)
        for apps in (coordinator_apps, crew_apps):
            self.assertIn(MEDIA_ROOT, apps)
            self.assertFalse(set(FACTORY_ROOTS) & set(apps), apps)
        # The app opens on its dashboard, as the Coordination app does: the coordinator's
        # figures, a crew user's own next days.
        self.assertEqual(coordinator_apps[MEDIA_ROOT], dashboard.id)
        self.assertEqual(crew_apps[MEDIA_ROOT], dashboard.id)
        root = self.env.ref(MEDIA_ROOT)
        self.assertFalse(root.parent_id)
        self.assertEqual(root.web_icon, "production_coordination_media,static/description/icon.png")

    def test_factory_staff_do_not_get_the_media_app(self):
        staff = new_test_user(self.env, "pcm_factory_staff", groups=COORDINATION_USER)
        apps = self._apps(staff)
        self.assertIn("production_coordination.menu_coordination_root", apps)
        self.assertNotIn(MEDIA_ROOT, apps)

    def test_media_coordinator_is_crew_not_department_staff(self):
        group = self.env.ref("production_coordination_media.group_media_coordinator")
        self.assertIn(self.env.ref(MEDIA_CREW), group.trans_implied_ids)
        self.assertNotIn(self.env.ref(COORDINATION_USER), group.trans_implied_ids)
        self.assertFalse(self.coordinator.has_group(COORDINATION_USER))

    def test_home_action_of_media_users(self):
        Users = self.env["res.users"]
        self.assertEqual(
            self.coordinator._media_home_action(),
            self.env.ref("production_coordination_media.media_dashboard_action"),
        )
        self.assertEqual(
            self.crew_user._media_home_action(),
            self.env.ref("production_coordination_media.media_booking_action_mine"),
        )
        # Factory staff keep Odoo's default; a home action of one's own always wins.
        staff = new_test_user(
            self.env, "pcm_home_staff", groups=f"{COORDINATION_USER},{MEDIA_CREW}"
        )
        self.assertFalse(staff._media_home_action())
        self.crew_user.action_id = self.env.ref("base.action_res_users").id
        self.assertFalse(self.crew_user._media_home_action())
        self.assertFalse(Users.browse(self.env.ref("base.user_admin").id)._media_home_action())

    def test_my_schedule_opens_on_the_list(self):
        # A crew user at a desk reads her calls line by line (the cards on a phone); the
        # timeline by production is one click away, not the first screen.
        action = self.env.ref("production_coordination_media.media_booking_action_mine")
        self.assertEqual(
            [mode for __, mode in action.views][:4], ["list", "kanban", "calendar", "timeline"]
        )

    def test_crew_group_for_users_linked_before_it_existed(self):
        # A department staff user linked to a crew member (how crew users were set up before
        # the Crew group): the update gives them the group; until then they keep their rights.
        staff = new_test_user(self.env, "pcm_old_crew", groups=COORDINATION_USER)
        member = self._crew("Olga Old", self.role_ac, user=staff)
        day = self._day(self.production_a)
        booking = self._book(day, member)
        self.assertEqual(self.env["media.booking"].with_user(staff).search([]), booking)
        self.env["media.crew.member"]._install_crew_group()
        self.assertTrue(staff.has_group(MEDIA_CREW))
        self.assertIn(MEDIA_ROOT, self._apps(staff))

    def test_crew_user_confirms_their_call_from_my_schedule(self):
        day = self._day(self.production_a)
        booking = self._book(day, self.ana)
        others = self._book(day, self.ben)
        mine = booking.with_user(self.crew_user)
        # Before the call sheet is sent there is nothing to confirm.
        self.assertFalse(mine.call_sheet_state)
        with self.assertRaises(UserError):
            mine.action_confirm_call()
        day.with_user(self.coordinator).action_publish()
        day.with_user(self.coordinator).action_send_call_sheet()
        mine.invalidate_recordset()
        self.assertEqual(mine.call_sheet_state, "sent")
        # Nobody confirms someone else's call: Ana cannot even read Ben's booking, and the
        # coordinator, who can, is not the person called.
        with self.assertRaises(AccessError):
            others.with_user(self.crew_user).action_confirm_call()
        with self.assertRaises(AccessError):
            others.with_user(self.coordinator).action_confirm_call()
        mine.action_confirm_call()
        mine.invalidate_recordset()
        self.assertEqual(mine.call_sheet_state, "confirmed")
        recipients = day.recipient_ids
        ana = recipients.filtered(lambda r: r.crew_member_id == self.ana)
        self.assertEqual((ana.state, bool(ana.date_confirmed)), ("confirmed", True))
        self.assertEqual((recipients - ana).state, "sent")
        # Confirming again changes nothing.
        date_confirmed = ana.date_confirmed
        mine.action_confirm_call()
        self.assertEqual(ana.date_confirmed, date_confirmed)


@tagged("post_install", "-at_install")
class TestMediaHome(MediaCase, HttpCase):
    def test_session_home_action(self):
        """What the web client opens first (`home_action_id` of the session)."""
        expected = {
            self.coordinator: "production_coordination_media.media_dashboard_action",
            self.crew_user: "production_coordination_media.media_booking_action_mine",
        }
        for user, action in expected.items():
            self.authenticate(user.login, user.login)
            info = self.make_jsonrpc_request("/web/session/get_session_info")
            self.assertEqual(info["home_action_id"], self.env.ref(action).id, user.login)
        staff = new_test_user(self.env, "pcm_session_staff", groups=COORDINATION_USER)
        self.authenticate(staff.login, staff.login)
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertFalse(info["home_action_id"])
