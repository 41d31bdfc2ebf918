# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Constants shared by several capabilities: groups, the states that count as open for each
kind of record, the selections of fields written by more than one model. A constant used by one
capability only stays in its file."""

# Groups -----------------------------------------------------------------------------------------
MANAGER_GROUP = "production_coordination.group_coordination_manager"
SUPERVISOR_GROUP = "production_coordination.group_coordination_supervisor"
USER_GROUP = "production_coordination.group_coordination_user"
PURCHASE_GROUP = "purchase.group_purchase_user"
MRP_USER_GROUP = "mrp.group_mrp_user"

# The departmental status report as XLSX (report_xlsx): the dashboard's and the wizard's buttons.
STATUS_REPORT_XLSX = "production_coordination.action_report_status_xlsx"

# Open states, one name per kind of record ------------------------------------------------------
# Legs of a route (coordination.handoff) that are neither done nor cancelled.
OPEN_LEG_STATES = ("waiting", "ready", "in_progress", "blocked")
# Manufacturing orders that are ranked, routed, scored and loaded on work centers (confirmed, in
# progress, to close); the same ones can take a reservation moved to them.
OPEN_MO_STATES = ("confirmed", "progress", "to_close")
# Manufacturing orders whose components count as demand for the shortage scan: the open ones and
# the drafts (to close: their components are not consumed yet).
SHORTAGE_MO_STATES = ("draft", *OPEN_MO_STATES)
# Stock moves still to be done, reserved or not.
OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")
# Work orders that are over (finished or cancelled): no longer planned, started or shown as late.
CLOSED_WO_STATES = ("done", "cancel")
# Work orders not started yet: the only ones the replan and the sequencing suggestions move.
UNSTARTED_WO_STATES = ("pending", "waiting", "ready")
# Purchase lines whose order is confirmed: they are expected, and measured when they arrive.
PURCHASED_STATES = ("purchase", "done")
# Tasks that are over (a low-stock task closed by the scan, or cancelled by a buyer).
CLOSED_TASK_STATES = ("1_done", "1_canceled")

# Quantities -------------------------------------------------------------------------------------
# Below this, a quantity is zero (the netting compares floats).
EPSILON = 1e-6

# Selections of fields declared on several models ----------------------------------------------
SEVERITIES = [("critical", "Critical"), ("high", "High"), ("normal", "Normal")]
DELIVERY_RISKS = [("late", "Late"), ("at_risk", "At Risk"), ("on_time", "On Time")]
