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
    "depends": [
        "production_coordination",
        "project",
        "purchase",
        "maintenance",
        "queue_job",
        "web_timeline",
    ],
    "external_dependencies": {"python": ["xlsxwriter", "python-dateutil"]},
    "data": [
        "security/production_coordination_media_security.xml",
        "security/ir.model.access.csv",
        "data/media_department_data.xml",
        "data/mail_template_data.xml",
        "data/queue_job_data.xml",
        "report/call_sheet_report.xml",
        "report/call_sheet_templates.xml",
        "views/media_confirmation_templates.xml",
        "wizard/media_revision_wizard.xml",
        "views/project_project_views.xml",
        "views/media_production_phase_views.xml",
        "views/media_production_day_views.xml",
        "views/media_production_day_send_views.xml",
        "views/media_booking_views.xml",
        "views/media_booking_timeline_views.xml",
        "views/media_revision_views.xml",
        "views/media_call_sheet_recipient_views.xml",
        "views/media_crew_member_views.xml",
        "views/media_department_views.xml",
        "views/media_location_views.xml",
        "views/maintenance_equipment_views.xml",
        "views/menus.xml",
        "views/media_dashboard_views.xml",
    ],
    "demo": [
        "demo/project_project_demo.xml",
        "demo/media_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "production_coordination_media/static/src/**/*",
        ],
        "web.report_assets_common": [
            "production_coordination_media/static/src/report/**/*",
        ],
        "web.assets_tests": [
            "production_coordination_media/static/tests/tours/**/*",
        ],
    },
}
