from . import main
from . import media_status_report
from . import cost_report
from . import media_review
