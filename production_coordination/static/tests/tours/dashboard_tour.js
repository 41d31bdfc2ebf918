import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("production_coordination_dashboard", {
    url: "/odoo/coordination",
    steps: () => [
        {
            content: "The dashboard lists both departments",
            trigger: ".o_pc_departments tr:contains('Tour Painting')",
        },
        {
            content: "Show only the cutting department",
            trigger: "select.o_pc_department",
            run: "selectByLabel Tour Cutting",
        },
        {
            content: "The other department is gone, without reloading the page",
            trigger: ".o_pc_departments:not(:contains('Tour Painting')) tr:contains('Tour Cutting')",
        },
        {
            content: "The blocked handoff is counted",
            trigger: ".o_pc_tile_blocked .o_pc_count:contains(/^1$/)",
        },
        {
            content: "Open the blocked handoffs",
            trigger: ".o_pc_tile_blocked",
            run: "click",
        },
        {
            content: "The tile opened the blocked handoffs",
            trigger: ".o_breadcrumb:contains('Blocked handoffs')",
        },
        {
            content: "The blocked leg is listed",
            trigger: ".o_kanban_record:contains('Tour Desk')",
        },
    ],
});
