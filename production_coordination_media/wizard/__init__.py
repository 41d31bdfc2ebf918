from . import media_revision_wizard
from . import media_booking_swap
