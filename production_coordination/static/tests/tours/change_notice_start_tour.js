import { registry } from "@web/core/registry";
import { assertFitsPhone } from "@production_coordination/../tests/tours/phone";

// A member of Assembly on a phone opens My Work Orders: the method of "Tour Changed Frame"
// changed and Assembly has not acknowledged the change notice yet. Start first shows the
// notice; "I read it: start" starts the work.
const card = `.o_production_coordination_card:contains("Tour Changed Frame")`;

registry.category("web_tour.tours").add("production_coordination_change_notice_start", {
    steps: () => [
        {
            content: "The card carries the mark",
            trigger: `.o_kanban_view ${card} .o_production_coordination_method_changed`,
            run: () => assertFitsPhone(".o_content, .o_kanban_renderer, .o_production_coordination_card"),
        },
        {
            content: "Start",
            trigger: `${card} button[name="action_coordination_start"]`,
            run: "click",
        },
        {
            content: "The notice is shown first, with what changed",
            trigger: `.modal:contains("Tour Changed Frame"):contains("90 min"):contains("120 min")`,
            run: () => assertFitsPhone(".modal-content"),
        },
        {
            content: "I read it: start",
            trigger: `.modal button[name="action_start"]`,
            run: "click",
        },
        {
            content: "Started: the card offers Pause",
            trigger: `.o_kanban_view:not(:has(.modal)) ${card} button[name="action_coordination_pause"]`,
        },
    ],
});
