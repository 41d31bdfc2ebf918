import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("production_coordination_open_app", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Coordination app",
            trigger: '.o_app[data-menu-xmlid="production_coordination.menu_coordination_root"]',
            run: "click",
        },
        {
            content: "The app is open under its own name",
            trigger: '.o_main_navbar .o_menu_brand:contains("Coordination")',
        },
        {
            content: "A coordinator sees the Configuration menu",
            trigger: '.o_main_navbar [data-menu-xmlid="production_coordination.menu_coordination_configuration"]',
        },
        {
            content: "The app opens on the dashboard",
            trigger: ".o_production_coordination_dashboard .o_pc_tiles",
        },
        {
            content: "Open the departments",
            trigger: '.o_main_navbar [data-menu-xmlid="production_coordination.coordination_department_menu"]',
            run: "click",
        },
        {
            content: "The departments the test created are listed",
            trigger: '.o_kanban_record:contains("Tour Assembly")',
        },
    ],
});
