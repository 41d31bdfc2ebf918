# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.coordination_meeting import GROUP_MANAGER
from ..models.coordination_meeting_link import MEETING_MODELS
from ..models.coordination_protected_mixin import check_action_access, check_action_group
from ..models.coordination_utils import ensure_one_record


class CoordinationMeetingWizard(models.TransientModel):
    """Plan Meeting: proposes the attendees, the agenda and the first common free slot of a
    meeting about some records; the coordinator adjusts them and plans it."""

    _name = "coordination.meeting.wizard"
    _description = "Plan a Coordination Meeting"
    _check_company_auto = True

    name = fields.Char("Subject", required=True)
    kind = fields.Selection(
        [
            ("coordination", "Coordination meeting"),
            ("vendor", "Vendor meeting"),
            ("customer", "Customer meeting"),
        ],
        required=True,
        default="coordination",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    record_refs = fields.Json(readonly=True, help="[[model, id], ...]: what the meeting is about.")
    record_names = fields.Text("About", readonly=True)
    agenda = fields.Html(readonly=True, sanitize=True)
    attendee_ids = fields.One2many("coordination.meeting.wizard.attendee", "wizard_id")
    duration = fields.Float(default=1.0, help="Hours.")
    date_start = fields.Datetime("Start")
    slot_note = fields.Char(readonly=True)

    # Opening -----------------------------------------------------------------------------------

    @api.model
    def _action_open(self, records_list, kind, name, company=None):
        """The wizard for a meeting about `records_list` (recordsets), prefilled: agenda,
        attendees with what each should bring, the first free slot. Coordinators only.
        `company`: the meeting's company when no record gives one (a weekly meeting without
        problems)."""
        action = self.env._("Plan Meeting")
        check_action_group(self.env, [GROUP_MANAGER], action, self.env._("coordinators"))
        records_list = [records for records in records_list if records]
        if not records_list and company is None:
            raise UserError(self.env._("Choose the records the meeting is about."))
        for records in records_list:
            check_action_access(records, "read", action)
        company = self._records_company(records_list, company)
        agenda = self.env["coordination.meeting.agenda"]._build(records_list, kind)
        partners = self.env.user.partner_id | agenda["partners"]
        attendees = [
            Command.create(
                {"partner_id": partner.id, "to_bring": agenda["attendees"].get(partner.id, "")}
            )
            for partner in partners
        ]
        wizard = self.create(
            {
                "name": name,
                "kind": kind,
                "company_id": company.id,
                "record_refs": [[r._name, r.id] for records in records_list for r in records],
                "record_names": ", ".join(
                    record.display_name for records in records_list for record in records
                ),
                "agenda": agenda["html"],
                "attendee_ids": attendees,
            }
        )
        wizard._propose_slot()
        return wizard._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan Meeting"),
            "res_model": self._name,
            "res_id": self.id,
            "views": [[False, "form"]],
            "target": "new",
        }

    @api.model
    def _records_company(self, records_list, default=None):
        """The one company of the records (`default`, else the current one, when none has a
        company); UserError when they belong to several."""
        companies = self.env["res.company"]
        for records in records_list:
            companies |= records.company_id
        if len(companies) > 1:
            raise UserError(
                self.env._(
                    "A meeting is about records of one company; these belong to %s.",
                    ", ".join(companies.mapped("name")),
                )
            )
        return companies or default or self.env.company

    def _records(self):
        """The records the meeting is about, as recordsets per model (existing ones only;
        UserError naming what was deleted since)."""
        self.ensure_one()
        by_model = {}
        for model, res_id in self.record_refs or []:
            if model not in MEETING_MODELS or model not in self.env or not isinstance(res_id, int):
                raise UserError(self.env._("A meeting cannot be about %(model)s.", model=model))
            by_model.setdefault(model, []).append(res_id)
        result = []
        for model, ids in by_model.items():
            records = self.env[model].browse(ids)
            existing = records.exists()
            if existing != records:
                raise UserError(
                    self.env._(
                        "Some records of this meeting were deleted meanwhile (%(model)s %(ids)s).",
                        model=model,
                        ids=", ".join(map(str, (records - existing).ids)),
                    )
                )
            result.append(existing)
        return result

    # Buttons -----------------------------------------------------------------------------------

    def _propose_slot(self):
        self.ensure_one()
        users = self.attendee_ids.user_id
        if not users:
            self.write({"date_start": False, "slot_note": self.env._("No internal attendee.")})
            return
        Slot = self.env["coordination.meeting.slot"]
        for user in users:
            Slot._user_zone(user)  # an unknown time zone is refused, not worked around
        try:
            start = Slot._first_slot(users, self.duration)
        except UserError as error:  # no common slot: the coordinator chooses one
            self.write({"date_start": False, "slot_note": str(error)})
            return
        self.write(
            {
                "date_start": start,
                "slot_note": self.env._(
                    "First slot when %s are all free in their working hours.",
                    ", ".join(users.mapped("name")),
                ),
            }
        )

    def action_propose_slot(self):
        """Find the first common free slot again (after changing attendees or duration)."""
        check_action_group(
            self.env, [GROUP_MANAGER], self.env._("Plan Meeting"), self.env._("coordinators")
        )
        ensure_one_record(self)
        if self.duration <= 0:
            raise UserError(self.env._("A meeting lasts more than zero hours."))
        self._propose_slot()
        return self._reopen()

    def action_plan(self):
        """Create the calendar event (invitations: what each attendee brings, the agenda)
        and the meeting with its records; open the meeting."""
        action = self.env._("Plan Meeting")
        check_action_group(self.env, [GROUP_MANAGER], action, self.env._("coordinators"))
        ensure_one_record(self)
        if not self.attendee_ids:
            raise UserError(self.env._("A meeting needs attendees: add at least one."))
        if self.duration <= 0:
            raise UserError(self.env._("A meeting lasts more than zero hours."))
        if not self.date_start:
            raise UserError(self.env._("Choose when the meeting starts."))
        records_list = self._records()
        for records in records_list:
            check_action_access(records, "read", action)
        company = self._records_company(records_list, self.company_id)
        if company not in self.env.user.company_ids:
            raise UserError(self.env._("You do not work for %s.", company.name))
        # The agenda as it stands now (the records may have changed since the wizard opened).
        agenda = self.env["coordination.meeting.agenda"]._build(records_list, self.kind)
        meeting = (
            self.env["coordination.meeting"]
            .sudo()  # protected fields (kind, agenda, company), after the checks above
            .create(
                {
                    "name": self.name,
                    "kind": self.kind,
                    "company_id": company.id,
                    "user_id": self.env.user.id,
                    "agenda": agenda["html"],
                    # Every record on the agenda: those chosen and those they bring (the MOs
                    # of a sales order, the purchase order of a low-stock task).
                    "link_ids": [
                        Command.create(
                            {
                                "res_model": item["model"],
                                "res_id": item["id"],
                                "name": item["name"],
                                "sequence": index,
                            }
                        )
                        for index, item in enumerate(agenda["items"])
                    ],
                }
            )
            .with_env(self.env)
        )
        event = self.env["calendar.event"].create(
            {
                "name": self.name,
                "start": self.date_start,
                "stop": self.date_start + timedelta(hours=self.duration),
                "duration": self.duration,
                "user_id": self.env.user.id,
                "description": agenda["html"],
                "res_model_id": self.env["ir.model"]._get_id("coordination.meeting"),
                "res_id": meeting.id,
                "partner_ids": [Command.set(self.attendee_ids.partner_id.ids)],
                "attendee_ids": [
                    Command.create(
                        {
                            "partner_id": line.partner_id.id,
                            "coordination_to_bring": line.to_bring or False,
                        }
                    )
                    for line in self.attendee_ids
                ],
            }
        )
        meeting.sudo().event_id = event
        meeting.message_subscribe(partner_ids=self.attendee_ids.user_id.partner_id.ids)
        return {
            "type": "ir.actions.act_window",
            "res_model": "coordination.meeting",
            "res_id": meeting.id,
            "views": [[False, "form"]],
            "target": "current",
        }


class CoordinationMeetingWizardAttendee(models.TransientModel):
    _name = "coordination.meeting.wizard.attendee"
    _description = "Proposed Attendee of a Coordination Meeting"

    wizard_id = fields.Many2one("coordination.meeting.wizard", required=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", "Attendee", required=True)
    user_id = fields.Many2one("res.users", compute="_compute_user_id")
    to_bring = fields.Text("Asked to Bring")

    @api.depends("partner_id")
    def _compute_user_id(self):
        for line in self:
            line.user_id = line.partner_id.user_ids.filtered(lambda user: not user.share)[:1]
