# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The call sheet of a production day as plain data, and what changed between two of them.

A revision (``media.revision``) freezes `_get_data` of its day as its snapshot; the next
revision stores `_diff` from it, tells `_affected_crew_ids` and shows `_diff_html`. The PDF and
the emails print the same data (``report.production_coordination_media.report_call_sheet``).
Nothing here writes; every method is a hook:

- snapshot: `_day_data` (one day), `_booking_entry` (one person or piece of equipment),
  `_contacts` (producer, coordinator, key crew, location contact);
- diff: `_diff_day` (date, calls, location, scenes, notes), `_diff_bookings` (added, removed,
  moved, new role), `_affected_crew_ids`;
- wording: `_change_lines` (one change as sentences), `_diff_lines`, `_diff_html`.
"""

from datetime import timedelta

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.tools import format_date, format_time

from odoo.addons.production_coordination.models.coordination_utils import clamp_date

# Call sheet entries compared between revisions (names are not: renaming a contact does not
# make a new revision).
NOTE_KEYS = ("weather", "hospital", "safety", "note")


def to_string(value):
    return fields.Datetime.to_string(value) if value else False


class MediaCallSheet(models.AbstractModel):
    _name = "media.call.sheet"
    _description = "Call Sheet Snapshot and Revision Diff"

    # Snapshot -----------------------------------------------------------------------------------

    @api.model
    def _get_data(self, days):
        """Each day's call sheet as plain data: what a revision freezes and what the PDF and
        the emails show. Returns {day id: data}."""
        format_labels = dict(
            self.env["project.project"]
            ._fields["coordination_format"]
            ._description_selection(self.env)
        )
        return {day.id: self._day_data(day, format_labels) for day in days}

    @api.model
    def _day_data(self, day, format_labels):
        """The call sheet of one day."""
        entries = {}
        for booking in day.booking_ids.sorted(lambda b: (b.date_call, b.id)):
            key, entry = self._booking_entry(booking)
            if not entry:
                continue
            call, wrap = entry["call"], entry["wrap"]
            if key in entries:  # two bookings of one resource on a day: the whole span
                call = min(call, entries[key]["call"])
                wrap = max(wrap, entries[key]["wrap"])
            entries[key] = dict(entry, call=call, wrap=wrap)
        location = day.location_id
        project = day.project_id
        return {
            "production": project.name,
            "client": project.partner_id.name or "",
            "format": format_labels.get(project.coordination_format, ""),
            "company": day.company_id.name,
            "day_type": day.day_type,
            "day_label": day.day_label,
            "day_number": day.day_number,
            "day_count": day.day_count,
            "date": fields.Date.to_string(day.date),
            "tz": day._tz_name(),
            "call": to_string(day.date_call),
            "wrap": to_string(day.date_wrap),
            "location": location
            and {
                "id": location.id,
                "name": location.name,
                "address": location.address or "",
                "map_url": location.map_url or "",
                "access": location.access_note or "",
                "parking": location.parking_note or "",
            }
            or {},
            "weather": day.weather_note or "",
            "hospital": day.hospital_note or "",
            "safety": day.safety_note or "",
            "note": day.note or "",
            "scenes": [{"id": task.id, "name": task.name} for task in day.task_ids.sorted("id")],
            "bookings": entries,
            "contacts": self._contacts(day, entries),
        }

    @api.model
    def _booking_entry(self, booking):
        """(key, entry) of a booking of a crew member or of equipment on the sheet; (None,
        None) for a booking without its resource."""
        if booking.resource_type == "crew" and booking.crew_member_id:
            member = booking.crew_member_id
            entry = {
                "kind": "crew",
                "id": member.id,
                "name": member.name,
                "role": booking.role_id.name or member.role_id.name or "",
                "role_id": (booking.role_id or member.role_id).id or False,
                "phone": member.mobile or member.phone or "",
                "email": member.email or "",
                "is_key": booking.role_id.is_key_contact,
            }
            key = f"crew-{member.id}"
        elif booking.resource_type == "equipment" and booking.equipment_id:
            equipment = booking.equipment_id
            entry = {
                "kind": "equipment",
                "id": equipment.id,
                "name": equipment.name,
                "role": booking.role_id.name or "",
                "role_id": booking.role_id.id or False,
                "serial": equipment.serial_no or "",
            }
            key = f"equipment-{equipment.id}"
        else:
            return None, None
        entry.update(
            department_id=booking.department_id.id or False,
            department=booking.department_id.name or "",
            department_sequence=booking.department_id.sequence or 0,
            note=booking.note or "",
            call=to_string(booking.date_call),
            wrap=to_string(booking.date_wrap),
        )
        return key, entry

    @api.model
    def _contacts(self, day, entries):
        """Who to call on the day: the producer, the coordinator, the key crew, the location's
        contact."""
        project = day.project_id
        contacts = []
        if project.coordination_producer_id:
            contacts.append(self._contact(project.coordination_producer_id, _("Producer")))
        if project.coordination_coordinator_id:
            contacts.append(
                self._contact(project.coordination_coordinator_id, _("Production Coordinator"))
            )
        contacts += [
            {key: entry[key] for key in ("name", "role", "phone", "email")}
            for entry in entries.values()
            if entry.get("is_key")
        ]
        if day.location_id.contact_id:
            contacts.append(self._contact(day.location_id.contact_id, _("Location contact")))
        return contacts

    @api.model
    def _contact(self, person, role):
        return {
            "name": person.name,
            "role": role,
            "phone": person.mobile or person.phone or "",
            "email": person.email or "",
        }

    # Diff ---------------------------------------------------------------------------------------

    @api.model
    def _diff(self, old, new):
        """What changed between two call sheets, as a list of changes (dicts with a "kind"):
        date, general_call, wrap, location, scene_added, scene_removed, notes, added,
        removed, moved, role."""
        return self._diff_day(old, new) + self._diff_bookings(old, new)

    @api.model
    def _diff_day(self, old, new):
        """The changes of the day itself: date, general call, wrap, location, scenes, notes."""
        changes = []
        for kind, key in (("date", "date"), ("general_call", "call"), ("wrap", "wrap")):
            if old.get(key) != new.get(key):
                changes.append({"kind": kind, "old": old.get(key), "new": new.get(key)})
        old_location, new_location = old.get("location") or {}, new.get("location") or {}
        if old_location.get("id") != new_location.get("id"):
            changes.append(
                {
                    "kind": "location",
                    "old": old_location.get("name", ""),
                    "new": new_location.get("name", ""),
                }
            )
        old_scenes = {scene["id"]: scene["name"] for scene in old.get("scenes", [])}
        new_scenes = {scene["id"]: scene["name"] for scene in new.get("scenes", [])}
        changes += [
            {"kind": "scene_added", "name": new_scenes[scene]}
            for scene in new_scenes
            if scene not in old_scenes
        ]
        changes += [
            {"kind": "scene_removed", "name": old_scenes[scene]}
            for scene in old_scenes
            if scene not in new_scenes
        ]
        changes += [
            {"kind": "notes", "field": key}
            for key in NOTE_KEYS
            if (old.get(key) or "") != (new.get(key) or "")
        ]
        return changes

    @api.model
    def _diff_bookings(self, old, new):
        """The changes of the people and equipment: added, moved, new role, removed."""
        old_bookings, new_bookings = old.get("bookings", {}), new.get("bookings", {})

        def resource(entry, key):
            return {
                "resource": key,
                "resource_kind": entry["kind"],
                "id": entry["id"],
                "name": entry["name"],
                "role": entry.get("role", ""),
                "department_id": entry.get("department_id"),
            }

        changes = []
        for key, entry in new_bookings.items():
            before = old_bookings.get(key)
            if not before:
                changes.append(
                    dict(resource(entry, key), kind="added", new=[entry["call"], entry["wrap"]])
                )
                continue
            if (before["call"], before["wrap"]) != (entry["call"], entry["wrap"]):
                changes.append(
                    dict(
                        resource(entry, key),
                        kind="moved",
                        old=[before["call"], before["wrap"]],
                        new=[entry["call"], entry["wrap"]],
                    )
                )
            if self._role_changed(before, entry):
                changes.append(dict(resource(entry, key), kind="role", old=before.get("role", "")))
        changes += [
            dict(resource(entry, key), kind="removed", old=[entry["call"], entry["wrap"]])
            for key, entry in old_bookings.items()
            if key not in new_bookings
        ]
        return changes

    @api.model
    def _role_changed(self, before, entry):
        """Whether the role changed: by id (role names are translated, and a sheet snapshot
        holds them in its publisher's language), by name for snapshots older than the ids."""
        if "role_id" in before and "role_id" in entry:
            return before["role_id"] != entry["role_id"]
        return before.get("role", "") != entry.get("role", "")

    @api.model
    def _crew_ids(self, data):
        """The crew members on a call sheet."""
        return sorted(
            entry["id"] for entry in data.get("bookings", {}).values() if entry["kind"] == "crew"
        )

    @api.model
    def _affected_crew_ids(self, new, changes):
        """The crew members a revision concerns: everybody on the sheet when the day itself
        changes (date, general call, wrap, location, scenes, notes); otherwise the people
        added, removed or moved, and the department of equipment that changed."""
        crew = [entry for entry in new.get("bookings", {}).values() if entry["kind"] == "crew"]
        affected = set()
        for change in changes:
            if "resource_kind" not in change:
                affected.update(entry["id"] for entry in crew)
            elif change["resource_kind"] == "crew":
                affected.add(change["id"])
            elif change.get("department_id"):
                affected.update(
                    entry["id"]
                    for entry in crew
                    if entry.get("department_id") == change["department_id"]
                )
        return sorted(affected)

    # Wording ------------------------------------------------------------------------------------

    @api.model
    def _format_time(self, value, tz):
        return format_time(
            self.env, clamp_date(fields.Datetime.to_datetime(value)), tz=tz, time_format="short"
        )

    @api.model
    def _format_span(self, span, tz):
        return f"{self._format_time(span[0], tz)}–{self._format_time(span[1], tz)}"

    @api.model
    def _moved_with_the_day(self, changes):
        """The "moved" changes that only follow a move of the whole day (same shift as the
        general call, wrap as the day's): summed up in one line for people."""
        by_kind = {change["kind"]: change for change in changes if "resource_kind" not in change}
        if "general_call" not in by_kind:
            return set()

        def shift(pair):
            return fields.Datetime.to_datetime(pair[1]) - fields.Datetime.to_datetime(pair[0])

        call_shift = shift((by_kind["general_call"]["old"], by_kind["general_call"]["new"]))
        wrap_shifts = {call_shift}
        if "wrap" in by_kind:
            wrap_shifts.add(shift((by_kind["wrap"]["old"], by_kind["wrap"]["new"])))
        else:
            wrap_shifts.add(timedelta(0))  # the wrap stays: so do the bookings that end on it
        return {
            id(change)
            for change in changes
            if change["kind"] == "moved"
            and shift((change["old"][0], change["new"][0])) == call_shift
            and shift((change["old"][1], change["new"][1])) in wrap_shifts
        }

    @api.model
    def _diff_lines(self, changes, tz):
        """The changes as sentences, for people."""
        followers = self._moved_with_the_day(changes)
        lines = []
        for change in changes:
            if change["kind"] == "moved" and id(change) in followers:
                continue
            lines += self._change_lines(change, tz, followers)
        return lines

    @api.model
    def _change_lines(self, change, tz, followers):
        """One change as sentences (``followers``: the calls that move with the day)."""
        kind = change["kind"]
        if "resource_kind" in change:
            line = self._resource_line(change, tz)
            return [line] if line else []
        if kind == "date":
            old, new = format_date(self.env, change["old"]), format_date(self.env, change["new"])
            return [_("Date moved: %(old)s → %(new)s", old=old, new=new)]
        if kind in ("general_call", "wrap"):
            lines = [
                _(
                    "%(what)s moved: %(old)s → %(new)s",
                    what=_("General call") if kind == "general_call" else _("Wrap"),
                    old=self._format_time(change["old"], tz),
                    new=self._format_time(change["new"], tz),
                )
            ]
            if kind == "general_call" and followers:
                lines.append(_("%s call(s) move with the general call", len(followers)))
            return lines
        if kind == "location":
            return [
                _(
                    "Location changed: %(old)s → %(new)s",
                    old=change["old"] or "—",
                    new=change["new"] or "—",
                )
            ]
        if kind == "scene_added":
            return [_("Scene added: %s", change["name"])]
        if kind == "scene_removed":
            return [_("Scene removed: %s", change["name"])]
        if kind == "notes":
            return [self._note_labels()[change["field"]]]
        return []

    @api.model
    def _resource_line(self, change, tz):
        """A change of a person or piece of equipment as a sentence (None for a kind it does
        not know)."""
        kind = change["kind"]
        who = change.get("name", "")
        if change.get("role"):
            who = f"{who} ({change['role']})"
        if kind == "added":
            return _("Added: %(who)s, %(span)s", who=who, span=self._format_span(change["new"], tz))
        if kind == "removed":
            return _("Removed: %s", who)
        if kind == "moved":
            return _(
                "%(who)s: %(old)s → %(new)s",
                who=who,
                old=self._format_span(change["old"], tz),
                new=self._format_span(change["new"], tz),
            )
        if kind == "role":
            return _(
                "%(name)s: role %(old)s → %(new)s",
                name=change["name"],
                old=change["old"] or "—",
                new=change["role"] or "—",
            )
        return None

    @api.model
    def _note_labels(self):
        return {
            "weather": _("Weather note updated"),
            "hospital": _("Nearest hospital updated"),
            "safety": _("Safety notes updated"),
            "note": _("Notes updated"),
        }

    @api.model
    def _diff_html(self, changes, tz):
        """The changes as an HTML list (False when there are none)."""
        lines = self._diff_lines(changes, tz)
        if not lines:
            return False
        return Markup("<ul>%s</ul>") % Markup("").join(
            Markup("<li>%s</li>") % escape(line) for line in lines
        )
