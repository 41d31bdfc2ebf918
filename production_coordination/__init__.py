from . import models
from . import wizard
from . import report
from . import controllers
