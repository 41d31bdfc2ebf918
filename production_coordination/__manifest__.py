# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Production Coordination",
    "summary": "Departments, handoffs, priorities and status reports for the "
    "production coordinator",
    "version": "18.0.1.0.0",
    "category": "Manufacturing",
    "website": "https://github.com/production-coordination/production-coordination",
    "author": "Production Coordination Authors",
    "maintainers": ["production-coordination"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "sequence": 56,
    "depends": ["mrp", "purchase_stock", "project", "mail"],
    "external_dependencies": {"python": ["xlsxwriter", "python-dateutil"]},
    "data": [
        "security/production_coordination_security.xml",
        "security/ir.model.access.csv",
        "views/coordination_department_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/coordination_department_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "production_coordination/static/tests/tours/**/*",
        ],
    },
}
