# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Selections shared by the media models."""

FORMATS = [
    ("feature", "Feature"),
    ("episode", "Series episode"),
    ("commercial", "Commercial"),
    ("corporate", "Corporate"),
    ("documentary", "Documentary"),
    ("music_video", "Music video"),
    ("other", "Other"),
]

PHASES = [
    ("development", "Development"),
    ("pre_production", "Pre-production"),
    ("production", "Production"),
    ("post_production", "Post-production"),
    ("delivery", "Delivery"),
    ("wrapped", "Wrapped"),
]

DAY_TYPES = [
    ("prep", "Prep day"),
    ("shoot", "Shoot day"),
    ("post", "Post session"),
    ("other", "Other"),
]

# The industry's revision colours, in order; after Cherry the cycle starts again (Double White…).
REVISION_COLORS = [
    ("white", "White"),
    ("blue", "Blue"),
    ("pink", "Pink"),
    ("yellow", "Yellow"),
    ("green", "Green"),
    ("goldenrod", "Goldenrod"),
    ("buff", "Buff"),
    ("salmon", "Salmon"),
    ("cherry", "Cherry"),
]

REVISION_HEX = {
    "white": "#ffffff",
    "blue": "#a9c8f0",
    "pink": "#f6c1d1",
    "yellow": "#fff3a0",
    "green": "#bfe6b5",
    "goldenrod": "#e8b847",
    "buff": "#f0dc9c",
    "salmon": "#f8a58f",
    "cherry": "#e0607e",
}

REVISION_REASONS = [
    ("client", "Client request"),
    ("production", "Production need"),
    ("resource", "Resource availability"),
    ("weather", "Weather"),
    ("other", "Other"),
]


def revision_color(number):
    """The colour key of revision `number` (1 = white)."""
    return REVISION_COLORS[(number - 1) % len(REVISION_COLORS)][0]


# The budget categories of a production (media.budget.line, purchase lines, cost entries).
BUDGET_CATEGORIES = [
    ("crew", "Crew"),
    ("equipment", "Equipment rental"),
    ("location", "Locations"),
    ("travel", "Travel"),
    ("catering", "Catering"),
    ("post", "Post-production"),
    ("other", "Other"),
]

# The problem log (media.problem): what kind of problem, how bad, why it happened.
PROBLEM_CATEGORIES = [
    ("safety", "Safety"),
    ("equipment", "Equipment"),
    ("crew", "Crew"),
    ("location", "Location"),
    ("weather", "Weather"),
    ("client", "Client"),
    ("technical", "Technical"),
    ("other", "Other"),
]

PROBLEM_SEVERITIES = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
    ("critical", "Critical"),
]

PROBLEM_ROOT_CAUSES = [
    ("weather", "Weather"),
    ("equipment_failure", "Equipment failure"),
    ("crew_shortage", "Crew shortage"),
    ("late_delivery", "Late delivery"),
    ("permit", "Permit"),
    ("client_change", "Client change"),
    ("planning", "Planning"),
    ("communication", "Communication"),
    ("other", "Other"),
]

# The review of a deliverable version by the client (media.review.round, media.deliverable).
REVIEW_STATES = [
    ("draft", "Not sent"),
    ("waiting", "Waiting for the client"),
    ("changes_requested", "Changes requested"),
    ("approved", "Approved"),
    ("cancelled", "Superseded"),
]
REVIEW_DECISIONS = [
    ("approved", "Approved"),
    ("changes_requested", "Changes requested"),
]
