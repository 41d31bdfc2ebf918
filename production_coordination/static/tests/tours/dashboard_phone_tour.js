import { registry } from "@web/core/registry";
import { assertFitsPhone } from "@production_coordination/../tests/tours/phone";

registry.category("web_tour.tours").add("production_coordination_dashboard_phone", {
    url: "/odoo/coordination",
    steps: () => [
        {
            content: "On a phone, each department is a card with its load as a bar",
            trigger:
                ".o_pc_departments_stacked .o_pc_department_card:contains('Tour Cutting and Edge Banding') .o_pc_load_bar .progress-bar",
        },
        {
            content: "The departments together: planned over available hours",
            trigger: ".o_pc_departments_stacked .o_pc_load_total .o_pc_load_percent",
        },
        {
            content: "Nothing on the dashboard is cut off or scrolls sideways",
            trigger: ".o_production_coordination_dashboard .o_pc_departments_stacked",
            run: () =>
                assertFitsPhone(
                    ".o_production_coordination_dashboard, .o_pc_tiles, .o_pc_filters, " +
                        ".o_production_coordination_dashboard :is(.table-responsive, table, .list-group)"
                ),
        },
        {
            content: "A department opens its queue",
            trigger: ".o_pc_department_card:contains('Tour Cutting and Edge Banding')",
            run: "click",
        },
        {
            content: "The queue of that department is open",
            trigger: ".o_breadcrumb:contains('Tour Cutting and Edge Banding queue')",
        },
    ],
});
