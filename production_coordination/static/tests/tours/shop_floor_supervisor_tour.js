import { registry } from "@web/core/registry";

// A supervisor opens the department queues at their desk: a short list by department, times in
// hours and minutes, ranks not summed; then the cards, where a blocked leg says why and the
// supervisor starts a work order of their department.
const row = (name) => `.o_data_row:contains("${name}")`;
const card = (name) => `.o_production_coordination_card:contains("${name}")`;

registry.category("web_tour.tours").add("production_coordination_shop_floor_supervisor", {
    steps: () => [
        {
            content: "The queue is grouped by department",
            trigger: `.o_group_header:contains("Tour Assembly")`,
        },
        {
            content: "Expected times read as hours and minutes",
            trigger: `${row("Tour Ready Frame")} td[name="duration_expected"]:contains("1 h 30 min")`,
        },
        {
            content: "The department's total reads as hours and minutes too, and ranks are not summed",
            trigger: `.o_group_header:contains("Tour Assembly"):contains("4 h 30 min")`,
            run() {
                const header = document.querySelector(".o_group_header");
                const cells = [...header.querySelectorAll("td")].map((td) => td.textContent.trim());
                if (cells.some((text) => /^\d+$/.test(text))) {
                    throw new Error(`A number is summed in the group row: ${cells.join(" | ")}`);
                }
            },
        },
        {
            content: "Switch to the cards",
            trigger: "button.o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "The blocked work says why",
            trigger: `${card("Tour Blocked Frame")} .o_production_coordination_blocked:contains("Jig broken")`,
        },
        {
            content: "... and cannot be started",
            trigger: `${card("Tour Blocked Frame")} .o_production_coordination_start_disabled`,
        },
        {
            content: "Start the work that is ready",
            trigger: `${card("Tour Ready Frame")} button[name="action_coordination_start"]`,
            run: "click",
        },
        {
            content: "It runs: Pause and Done are offered",
            trigger: `${card("Tour Ready Frame")} button[name="action_coordination_pause"]`,
        },
    ],
});
