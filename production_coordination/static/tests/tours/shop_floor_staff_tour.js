import { registry } from "@web/core/registry";
import { assertFitsPhone } from "@production_coordination/../tests/tours/phone";

// A member of Assembly on a phone (390 px wide) opens My Work Orders: cards, no sideways
// scrolling. The test gives them two work orders: "Tour Ready Frame" (Cutting has handed it
// over) and "Tour Waiting Frame" (still in Cutting).
const ready = `.o_production_coordination_card:contains("Tour Ready Frame")`;
const waiting = `.o_production_coordination_card:contains("Tour Waiting Frame")`;

registry.category("web_tour.tours").add("production_coordination_shop_floor_staff", {
    steps: () => [
        {
            content: "My work orders open as cards on a phone",
            trigger: `.o_kanban_view ${ready}`,
        },
        {
            content: "The card tells the operation and the expected time in hours and minutes",
            trigger: `${ready}:contains("Weld frame"):contains("1 h 30 min")`,
        },
        {
            content: "Nothing is wider than the phone's screen",
            trigger: `.o_kanban_view ${waiting}`,
            run: () => assertFitsPhone(".o_content, .o_kanban_renderer, .o_production_coordination_card"),
        },
        {
            content: "The work still in Cutting cannot be started, and the card says why",
            trigger: `${waiting} .o_production_coordination_start_disabled`,
        },
        {
            content: "... waiting for Cutting",
            trigger: `${waiting} .o_production_coordination_waiting:contains("Waiting for"):contains("Tour Cutting")`,
        },
        {
            content: "Start the work that is ready",
            trigger: `${ready} button[name="action_coordination_start"]`,
            run: "click",
        },
        {
            content: "Pause it",
            trigger: `${ready} button[name="action_coordination_pause"]`,
            run: "click",
        },
        {
            content: "Paused: it can be started again, or finished",
            trigger: `${ready} button[name="action_coordination_start"]`,
        },
        {
            content: "Finish it",
            trigger: `${ready} button[name="action_coordination_finish"]`,
            run: "click",
        },
        {
            content: "Done: it leaves the open work; the other card stays",
            trigger: `.o_kanban_view:not(:has(${ready})) ${waiting}`,
        },
        {
            content: "Still no sideways scrolling",
            trigger: `.o_kanban_view ${waiting}`,
            run: () => assertFitsPhone(".o_content, .o_kanban_renderer, .o_production_coordination_card"),
        },
    ],
});

// The department queue on a phone: the same cards (the list is for desks).
registry.category("web_tour.tours").add("production_coordination_shop_floor_queue_phone", {
    steps: () => [
        {
            content: "The queue opens as cards on a phone",
            trigger: `.o_kanban_view ${waiting}`,
        },
        {
            content: "Nothing is wider than the phone's screen",
            trigger: `.o_kanban_view ${waiting}:has(.o_production_coordination_start_disabled)`,
            run: () => assertFitsPhone(".o_content, .o_kanban_renderer, .o_production_coordination_card"),
        },
    ],
});
