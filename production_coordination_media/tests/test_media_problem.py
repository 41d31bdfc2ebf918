# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import MONDAY, MediaCase

MEDIA_PRODUCER = "production_coordination_media.group_media_producer"


@tagged("post_install", "-at_install")
class TestMediaProblem(MediaCase):
    """The problem log: due date from the settings, states, schedule impact, blocking call
    sheets, escalation, as the media coordinator and crew users who use it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.producer = new_test_user(
            cls.env,
            "pcm_media_producer",
            groups=MEDIA_PRODUCER,
            name="Pat Producer",
            email="pat@example.com",
            tz="UTC",
        )
        cls.production_a.write(
            {
                "coordination_coordinator_id": cls.coordinator.id,
                "coordination_producer_id": cls.producer.partner_id.id,
            }
        )
        cls.env.company.write(
            {
                "coordination_media_problem_days_low": 10,
                "coordination_media_problem_days_medium": 4,
                "coordination_media_problem_days_high": 1,
                "coordination_media_problem_days_critical": 0,
            }
        )

    def setUp(self):
        super().setUp()
        self.day = self._day(self.production_a)
        self.ana_booking = self._book(self.day, self.ana)
        self.carl_booking = self._book(self.day, self.carl)
        self.camera_booking = self._book(self.day, self.camera_package)
        self.Problem = self.env["media.problem"].with_user(self.coordinator)

    def _problem(self, **values):
        return self.Problem.create(
            {"name": "Generator down", "project_id": self.production_a.id, **values}
        )

    # Due date, states -----------------------------------------------------------------------

    def test_due_date_from_severity(self):
        reported = datetime(2031, 3, 1, 9, 0)
        problems = self.Problem.create(
            [
                {
                    "name": f"{severity} problem",
                    "project_id": self.production_a.id,
                    "severity": severity,
                    "date_reported": reported,
                }
                for severity in ("low", "medium", "high", "critical")
            ]
        )
        self.assertEqual(
            problems.mapped("date_due"),
            [date(2031, 3, 11), date(2031, 3, 5), date(2031, 3, 2), date(2031, 3, 1)],
        )
        problems[0].severity = "high"
        self.assertEqual(problems[0].date_due, date(2031, 3, 2))
        # The due date can be set by hand.
        problems[1].date_due = date(2031, 4, 1)
        self.assertEqual(problems[1].date_due, date(2031, 4, 1))

    def test_settings_out_of_range(self):
        with self.assertRaises(ValidationError) as caught:
            self.env.company.coordination_media_problem_days_high = -1
        self.assertIn("-1", str(caught.exception))

    def test_states_and_time_to_resolve(self):
        problem = self._problem(date_reported=datetime.now() - timedelta(hours=5))
        problem.action_start()
        self.assertEqual(problem.state, "in_progress")
        with self.assertRaises(UserError) as caught:
            problem.action_resolve()
        self.assertIn(problem.name, str(caught.exception))
        problem.write({"root_cause": "equipment_failure", "resolution": "Swapped the generator."})
        problem.action_resolve()
        self.assertEqual(problem.state, "resolved")
        self.assertTrue(problem.date_resolved)
        self.assertAlmostEqual(
            problem.resolve_hours,
            (problem.date_resolved - problem.date_reported).total_seconds() / 3600,
        )
        self.assertGreater(problem.resolve_hours, 4.9)
        with self.assertRaises(UserError):
            problem.action_start()
        problem.action_verify()
        self.assertEqual(problem.state, "verified")
        problem.action_reopen()
        self.assertEqual(problem.state, "open")
        self.assertFalse(problem.date_resolved)

    def test_state_not_written_directly(self):
        problem = self._problem()
        with self.assertRaises(AccessError):
            problem.write({"state": "verified"})
        with self.assertRaises(AccessError):
            self.Problem.create(
                {"name": "Forged", "project_id": self.production_a.id, "state": "resolved"}
            )
        self.assertEqual(problem.state, "open")

    def test_overdue_search(self):
        today = date.today()
        late = self._problem(date_due=today - timedelta(days=1))
        on_time = self._problem(date_due=today + timedelta(days=1))
        found = self.Problem.search([("is_overdue", "=", True)])
        self.assertIn(late, found)
        self.assertNotIn(on_time, found)
        self.assertIn(on_time, self.Problem.search([("is_overdue", "=", False)]))
        self.assertNotIn(late, self.Problem.search([("is_overdue", "!=", True)]))
        with self.assertRaises(UserError):
            self.Problem.search([("is_overdue", "in", ["yes"])])

    # Schedule impact --------------------------------------------------------------------------

    def test_schedule_impact(self):
        deliverables = self.env["media.deliverable"].create(
            [
                {
                    "project_id": self.production_a.id,
                    "name": "Rough cut",
                    "date_due": date(2031, 3, 4),
                },
                {
                    "project_id": self.production_a.id,
                    "name": "Final cut",
                    "date_due": date(2031, 5, 1),
                },
            ]
        )
        problem = self._problem(
            is_blocking=True,
            date_due=date(2031, 3, 5),
            day_ids=[self.day.id],
            deliverable_ids=deliverables.ids,
        )
        self.assertEqual(problem.impact_booking_count, 3)
        # Two crew bookings of the day's 10 hours.
        self.assertAlmostEqual(problem.impact_crew_hours, 20.0)
        self.assertEqual(problem.blocked_day_ids, self.day)
        self.assertEqual(problem.impact_deliverable_ids, deliverables[0])
        problem.write({"root_cause": "planning", "resolution": "Done."})
        problem.action_resolve()
        self.assertFalse(problem.blocked_day_ids)
        self.assertFalse(problem.impact_booking_count)
        self.assertFalse(problem.impact_deliverable_ids)

    def test_cancelled_day_not_blocked(self):
        problem = self._problem(is_blocking=True, day_ids=[self.day.id])
        self.day.with_user(self.coordinator).action_cancel()
        self.assertFalse(problem.blocked_day_ids)

    # Blocking call sheets ---------------------------------------------------------------------

    def test_blocking_problem_refuses_publish_and_send(self):
        day = self.day.with_user(self.coordinator)
        problem = self._problem(name="Location permit missing", is_blocking=True, day_ids=[day.id])
        with self.assertRaises(UserError) as caught:
            day.action_publish()
        self.assertIn("Location permit missing", str(caught.exception))
        self.assertEqual(day.state, "draft")
        # Not blocking: publishing goes through.
        problem.is_blocking = False
        day.action_publish()
        self.assertEqual(day.state, "published")
        problem.is_blocking = True
        with self.assertRaises(UserError) as caught:
            day.action_send_call_sheet()
        self.assertIn("Location permit missing", str(caught.exception))
        self.assertFalse(day.recipient_ids)
        problem.write({"root_cause": "permit", "resolution": "Permit granted."})
        problem.action_resolve()
        day.action_send_call_sheet()
        self.assertTrue(day.recipient_ids)

    def test_blocking_problem_refuses_revision(self):
        day = self.day.with_user(self.coordinator)
        day.action_publish()
        self._problem(name="Rain all day", is_blocking=True, day_ids=[day.id])
        day.location_id = self.env["media.location"].create({"name": "Beach"})
        with self.assertRaises(UserError) as caught:
            day._issue_revision("weather", "Moved to the beach")
        self.assertIn("Rain all day", str(caught.exception))
        self.assertEqual(day.revision_number, 1)

    # Escalation -------------------------------------------------------------------------------

    def test_escalation_once(self):
        problem = self._problem(date_due=date.today() - timedelta(days=2))
        on_time = self._problem(name="Later", date_due=date.today() + timedelta(days=2))
        self.env["media.problem"]._cron_escalate()
        self.assertTrue(problem.date_escalated)
        self.assertFalse(on_time.date_escalated)
        self.assertEqual(
            set(problem.activity_ids.user_id.ids), {self.producer.id, self.coordinator.id}
        )
        self.env["media.problem"]._cron_escalate()
        self.assertEqual(len(problem.activity_ids), 2)
        self.assertFalse(on_time.activity_ids)

    def test_escalation_without_producer_contact(self):
        """Without a producer contact with a user, the company's producers are told."""
        self.production_a.coordination_producer_id = False
        problem = self._problem(date_due=date.today() - timedelta(days=1))
        self.env["media.problem"]._cron_escalate()
        self.assertIn(self.producer, problem.activity_ids.user_id)
        self.assertIn(self.coordinator, problem.activity_ids.user_id)

    def test_resolved_not_escalated(self):
        problem = self._problem(date_due=date.today() - timedelta(days=1))
        problem.write({"root_cause": "other", "resolution": "Fixed."})
        problem.action_resolve()
        self.env["media.problem"]._cron_escalate()
        self.assertFalse(problem.date_escalated)
        self.assertFalse(problem.activity_ids)


@tagged("post_install", "-at_install")
class TestMediaProblemSecurity(MediaCase):
    """Crew users report problems and see their own (reported by them or linked to their
    bookings); media coordinators manage; companies are apart."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = cls.env["media.production.day"].create(
            {
                "project_id": cls.production_a.id,
                "date_call": MONDAY,
                "date_wrap": MONDAY + timedelta(hours=10),
                "tz": "UTC",
            }
        )
        cls.ana_booking = cls.env["media.booking"].create(
            {"day_id": cls.day.id, "resource_type": "crew", "crew_member_id": cls.ana.id}
        )
        cls.ben_booking = cls.env["media.booking"].create(
            {"day_id": cls.day.id, "resource_type": "crew", "crew_member_id": cls.ben.id}
        )

    def test_crew_reports_and_sees_their_own(self):
        Problem = self.env["media.problem"].with_user(self.crew_user)
        mine = Problem.create(
            {
                "name": "Lens cracked",
                "project_id": self.production_a.id,
                "category": "equipment",
                "day_ids": [self.day.id],
            }
        )
        self.assertEqual(mine.reporter_id, self.crew_user)
        linked = (
            self.env["media.problem"]
            .with_user(self.coordinator)
            .create(
                {
                    "name": "Ana's call moved",
                    "project_id": self.production_a.id,
                    "booking_ids": [self.ana_booking.id],
                }
            )
        )
        other = (
            self.env["media.problem"]
            .with_user(self.coordinator)
            .create(
                {
                    "name": "Ben is ill",
                    "project_id": self.production_a.id,
                    "booking_ids": [self.ben_booking.id],
                }
            )
        )
        self.assertEqual(Problem.search([]), mine | linked)
        with self.assertRaises(AccessError):
            other.with_user(self.crew_user).read(["name"])
        # Their own open report they may complete; not the one they only see; not its state.
        mine.description = "Front element cracked on the A camera."
        with self.assertRaises(AccessError):
            linked.with_user(self.crew_user).write({"description": "mine now"})
        with self.assertRaises(AccessError):
            mine.action_resolve()
        with self.assertRaises(AccessError):
            mine.write({"state": "resolved"})
        with self.assertRaises(AccessError):
            mine.unlink()
        self.assertEqual(mine.state, "open")

    def test_crew_cannot_forge_reporter(self):
        with self.assertRaises(AccessError):
            self.env["media.problem"].with_user(self.crew_user).create(
                {
                    "name": "Forged",
                    "project_id": self.production_a.id,
                    "reporter_id": self.other_crew_user.id,
                }
            )

    def test_crew_do_not_see_deliverables_at_risk(self):
        problem = (
            self.env["media.problem"]
            .with_user(self.crew_user)
            .create({"name": "Late drive", "project_id": self.production_a.id})
        )
        problem.invalidate_recordset()
        values = problem.read(["impact_summary", "impact_booking_count"])[0]
        self.assertEqual(values["impact_booking_count"], 0)
        with self.assertRaises(AccessError):
            problem.read(["impact_deliverable_ids"])

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Films"})
        other_production = self.env["project.project"].create(
            {"name": "Other Feature", "is_media_production": True, "company_id": other_company.id}
        )
        theirs = self.env["media.problem"].create(
            {"name": "Their problem", "project_id": other_production.id}
        )
        self.assertEqual(theirs.company_id, other_company)
        self.assertNotIn(theirs, self.env["media.problem"].with_user(self.coordinator).search([]))
        with self.assertRaises(AccessError):
            theirs.with_user(self.coordinator).read(["name"])
        # A problem of a production of one company cannot link the days of another's.
        other_day = self.env["media.production.day"].create(
            {
                "project_id": other_production.id,
                "date_call": MONDAY,
                "date_wrap": MONDAY + timedelta(hours=8),
                "tz": "UTC",
            }
        )
        with self.assertRaises(UserError):
            self.env["media.problem"].create(
                {
                    "name": "Cross-company",
                    "project_id": self.production_a.id,
                    "day_ids": [other_day.id],
                }
            )

    def test_bad_input(self):
        Problem = self.env["media.problem"].with_user(self.coordinator)
        problem = Problem.create({"name": "Cable", "project_id": self.production_a.id})
        days = self.day.with_user(self.coordinator)
        with self.assertRaises(UserError):
            (days | days.copy()).action_open_problems()
        with self.assertRaises(UserError):
            self.production_a.with_user(
                self.coordinator
            ).browse().action_coordination_open_problems()
        with self.assertRaises(UserError):
            problem.action_verify()
        # Without a due date it is never past due.
        problem.date_due = False
        self.assertFalse(problem.is_overdue)
        with self.assertRaises(ValidationError) as caught:
            problem.write({"project_id": self.production_b.id, "day_ids": [self.day.id]})
        self.assertIn(self.day.display_name, str(caught.exception))
        self.assertEqual(problem.project_id, self.production_a)
