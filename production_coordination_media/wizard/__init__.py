from . import media_revision_wizard
from . import media_budget_approval_wizard
from . import media_booking_swap
from . import media_booking_checkin
