from . import coordination_department
