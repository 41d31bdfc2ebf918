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
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "wizard/coordination_handoff_block_wizard.xml",
        "wizard/coordination_expedite_wizard.xml",
        "wizard/coordination_redundancy_wizard.xml",
        "views/coordination_department_views.xml",
        "views/coordination_handoff_views.xml",
        "views/coordination_checkin_views.xml",
        "views/mrp_production_views.xml",
        "views/mrp_workorder_views.xml",
        "views/mrp_workcenter_views.xml",
        "views/stock_picking_type_views.xml",
        "views/coordination_redundancy_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/coordination_department_demo.xml",
        "demo/mrp_demo.xml",
        "demo/coordination_redundancy_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "production_coordination/static/src/**/*",
        ],
        "web.assets_tests": [
            "production_coordination/static/tests/tours/**/*",
        ],
    },
}
