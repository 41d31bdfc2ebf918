from . import call_sheet_report
from . import media_status_report
from . import media_xlsx_reports
