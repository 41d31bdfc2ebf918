import { registry } from "@web/core/registry";

// A coordinator reorders the priority board by dragging: the order dropped on top is pinned
// there, after the reason is asked once. Dropping an order on a rank a colleague pinned is
// refused, and the refusal is shown. The test makes three orders "Tour Pin A/B/C" ranked in this
// order, C pinned at 3 by another coordinator.
const row = (product) => `.o_data_row:contains("${product}")`;

registry.category("web_tour.tours").add("production_coordination_priority_drag", {
    steps: () => [
        {
            content: "The board is in rank order",
            trigger: `.o_data_row:first:contains("Tour Pin A")`,
        },
        {
            content: "Drag B to the top",
            trigger: `${row("Tour Pin B")} .o_row_handle`,
            async run(helpers) {
                // Dropped on the top half of the first row: before it.
                await helpers.drag_and_drop(".o_data_row:first", { position: "top", relative: true });
            },
        },
        {
            content: "The rank override asks for the reason, rank 1 already chosen",
            trigger: `.modal div[name="rank"] input:value(1)`,
        },
        {
            content: "Give the reason",
            trigger: `.modal div[name="reason"] textarea`,
            run: "edit Customer visit on Monday",
        },
        {
            content: "Pin it",
            trigger: `.modal button[name="action_apply"]`,
            run: "click",
        },
        {
            content: "B is first now, pinned",
            trigger: `.o_data_row:first:contains("Tour Pin B") .fa-thumb-tack`,
        },
        {
            content: "Drag A below C, onto the rank a colleague pinned",
            trigger: `${row("Tour Pin A")} .o_row_handle`,
            async run(helpers) {
                // Dropped on the bottom half of the last row: after it.
                await helpers.drag_and_drop(".o_data_row:last", {
                    position: "bottom",
                    relative: true,
                });
            },
        },
        {
            content: "The reason is asked",
            trigger: `.modal div[name="rank"] input:value(3)`,
        },
        {
            content: "Give the reason",
            trigger: `.modal div[name="reason"] textarea`,
            run: "edit Wait for the new jig",
        },
        {
            content: "Try to pin it",
            trigger: `.modal button[name="action_apply"]`,
            run: "click",
        },
        {
            content: "Refused, naming the colleague's pin",
            trigger: `.modal .o_error_dialog:contains("already pinned"), .modal:contains("already pinned")`,
        },
        {
            content: "Close the message",
            trigger: `.modal:contains("already pinned") .modal-footer .btn-primary`,
            run: "click",
        },
        {
            content: "Give up",
            trigger: `.modal button[special="cancel"]`,
            run: "click",
        },
        {
            content: "The board is as it was: A is not pinned",
            trigger: `body:not(:has(.modal)) ${row("Tour Pin A")}:not(:has(.fa-thumb-tack))`,
        },
    ],
});
