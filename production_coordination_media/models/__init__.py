from . import project_project
