import { registry } from "@web/core/registry";

// A coordinator refreshes the redundancy suggestions: the list says the last refresh is done,
// Refresh enqueues a job and says so, and the list now shows it waiting.
registry.category("web_tour.tours").add("production_coordination_refresh_state", {
    steps: () => [
        {
            content: "The list tells the state of the last refresh",
            trigger: ".o_list_view .o_production_coordination_refresh_state:contains(Refreshed)",
        },
        {
            content: "Refresh",
            trigger: ".o_list_view button[name=action_refresh]",
            run: "click",
        },
        {
            content: "The refresh runs in the background",
            trigger: ".o_notification:contains(in the background)",
        },
        {
            content: "The list shows it waiting",
            trigger: ".o_list_view .o_production_coordination_refresh_state:contains(Refresh waiting)",
        },
    ],
});
