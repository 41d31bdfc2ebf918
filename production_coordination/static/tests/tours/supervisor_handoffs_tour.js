import { registry } from "@web/core/registry";

// A supervisor opens the handoff board, accepts one handoff and blocks another with a reason.
// The test creates two ready handoffs for the supervisor's department: one of 1 unit (to accept),
// one of 2 units (to block); the board lists them in MO order.
const card = (index) => `.o_kanban_group:contains("Tour Welding") .o_kanban_record:eq(${index})`;

registry.category("web_tour.tours").add("production_coordination_supervisor_handoffs", {
    steps: () => [
        {
            content: "The board shows the department's column with two handoffs to accept",
            trigger: `.o_kanban_group:contains("Tour Welding") .o_kanban_record:nth-child(2)`,
        },
        {
            content: "Accept the first handoff",
            trigger: `${card(0)} button[name="action_accept"]`,
            run: "click",
        },
        {
            content: "It is in progress now",
            trigger: `${card(0)} .badge:contains("In Progress")`,
        },
        {
            content: "Block the second handoff",
            trigger: `${card(1)} button[name="action_open_block_wizard"]:contains("Block")`,
            run: "click",
        },
        {
            content: "Say why",
            trigger: `.modal textarea#reason_0, .modal div[name="reason"] textarea`,
            run: "edit Welding wire out of stock",
        },
        {
            content: "Confirm the block",
            trigger: `.modal button[name="action_apply"]:contains("Block")`,
            run: "click",
        },
        {
            content: "The card shows the reason",
            trigger: `.o_kanban_record:contains("Welding wire out of stock")`,
        },
    ],
});
