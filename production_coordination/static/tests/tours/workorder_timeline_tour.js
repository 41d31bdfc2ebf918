import { registry } from "@web/core/registry";

// The work order timeline (tests/test_timeline_ui.py): two stool orders planned ten days ahead
// on the Tour Timeline Press and Sander, the first expedited, the second late.
const timeline = ".o_production_coordination_timeline";
const item = (text) => `${timeline} .vis-item:has(.o_pc_timeline_item:contains("${text}"))`;

// Show only the tour's orders: the timeline moves to their days.
const searchTourOrders = [
    {
        content: "Search the tour's product",
        trigger: ".o_searchview_input",
        run: "edit Tour Timeline Stool",
    },
    {
        content: "… as the product of the work orders",
        trigger: ".o_searchview_autocomplete .o_menu_item:contains(Product)",
        run: "click",
    },
    {
        content: "The timeline shows the tour's work orders, ten days ahead",
        trigger: `${item("Press seat")}:eq(1)`,
    },
];

registry.category("web_tour.tours").add("production_coordination_workorder_timeline", {
    steps: () => [
        {
            content: "The timeline opens on the next days with work: work orders are in view",
            trigger: `${timeline} .vis-item .o_pc_timeline_item`,
        },
        ...searchTourOrders,
        {
            content: "One row per work center",
            trigger: `${timeline} .vis-label:contains("Tour Timeline Press")`,
        },
        {
            content: "The expedited order is marked",
            trigger: `${item("Press seat")} .o_pc_timeline_expedited`,
        },
        {
            content: "The late order is marked",
            trigger: `${item("Sand seat")} .o_pc_timeline_late`,
        },
        {
            content: "The coordinator may move work orders",
            trigger: `${item("Press seat")}.vis-editable`,
        },
        {
            content: "Select the expedited pressing",
            trigger: `${item("Press seat")}:has(.o_pc_timeline_expedited)`,
            run: "click",
        },
        {
            content: "Drag it onto the other order's pressing",
            trigger: `${item("Press seat")}.vis-selected:has(.o_pc_timeline_expedited)`,
            async run(helpers) {
                await helpers.drag_and_drop(
                    `${item("Press seat")}:not(:has(.o_pc_timeline_expedited))`,
                    { position: "center", relative: true }
                );
            },
        },
        {
            content: "Odoo refuses: the press is taken then",
            trigger: ".modal .o_error_dialog, .modal .modal-body:contains('same time')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The work order is back where it was",
            trigger: `${item("Press seat")}:has(.o_pc_timeline_expedited)`,
        },
    ],
});

registry.category("web_tour.tours").add("production_coordination_workorder_timeline_staff", {
    steps: () => [
        ...searchTourOrders,
        {
            content: "One row per department",
            trigger: `${timeline} .vis-label:contains("Tour Woodwork")`,
        },
        {
            content: "Staff read the timeline: nothing can be dragged",
            trigger: `${item("Press seat")}.vis-readonly`,
        },
        {
            content: "… no item at all",
            trigger: `${timeline}:not(:has(.vis-item.vis-editable))`,
        },
    ],
});
