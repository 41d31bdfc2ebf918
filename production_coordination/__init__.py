from . import models
from . import wizard
from . import report
from . import controllers


def uninstall_hook(env):
    """Drop what the dashboard cache made outside the ORM (its triggers, function, table)."""
    from .models.coordination_dashboard_cache import drop_change_log

    drop_change_log(env.cr)
