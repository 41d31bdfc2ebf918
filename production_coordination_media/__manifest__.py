# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Production Coordination: Media",
    "summary": "Production coordination for media and film: productions, schedules, "
    "crew and equipment",
    "version": "18.0.1.0.0",
    "category": "Services/Project",
    "website": "https://github.com/production-coordination/production-coordination",
    "author": "Production Coordination Authors",
    "maintainers": ["production-coordination"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["production_coordination", "project", "purchase"],
    "external_dependencies": {"python": ["xlsxwriter", "python-dateutil"]},
    "data": [
        "security/production_coordination_media_security.xml",
        "views/project_project_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/project_project_demo.xml",
    ],
}
