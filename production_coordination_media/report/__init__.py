from . import call_sheet_report
