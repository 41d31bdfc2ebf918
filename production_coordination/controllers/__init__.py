from . import status_report
