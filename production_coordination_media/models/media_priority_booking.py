# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Holds (pencils) on bookings: a pencilled booking is not on a published call sheet; the
first hold on a person or equipment at a time outranks the second."""

from odoo import fields, models

HOLD_STATES = [("hold", "Pencil"), ("confirmed", "Confirmed")]


class MediaBooking(models.Model):
    _inherit = "media.booking"  # pylint: disable=consider-merging-classes-inherited

    hold_state = fields.Selection(
        HOLD_STATES,
        string="Hold",
        required=True,
        default="confirmed",
        index=True,
        help="Pencil: the person or equipment is held, not confirmed (not on the published "
        "call sheet). Confirmed: booked.",
    )
    hold_rank = fields.Integer(
        "Hold Rank",
        readonly=True,
        copy=False,
        help="1 = first hold, 2 = second hold... among the pencils of the same person or "
        "equipment at overlapping times, in the order they were placed; 0 when confirmed.",
    )
