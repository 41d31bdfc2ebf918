from . import media_revision_wizard
