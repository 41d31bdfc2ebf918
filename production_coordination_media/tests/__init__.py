from . import test_media_production
from . import test_conflicts
from . import test_call_sheet
from . import test_confirmation
from . import test_ui
from . import test_revisions
from . import test_media_security
from . import test_media_demo
