from . import coordination_handoff_block_wizard
from . import coordination_expedite_wizard
from . import coordination_priority_wizards
from . import coordination_replan_wizard
from . import coordination_redundancy_wizard
from . import coordination_status_report_wizard
from . import coordination_special_request_override_wizard
from . import coordination_meeting_wizard
