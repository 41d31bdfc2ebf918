from . import main
from . import cost_report
