from . import coordination_handoff_block_wizard
from . import coordination_expedite_wizard
from . import coordination_redundancy_wizard
