from . import main
from . import media_review
