from . import status_report
from . import status_report_xlsx
