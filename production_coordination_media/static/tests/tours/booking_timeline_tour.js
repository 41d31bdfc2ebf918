import { registry } from "@web/core/registry";

// The booking timeline by person (tests/test_booking_timeline_ui.py): Tour Camille on a
// documentary in the morning and on an advert in the afternoon, ten days ahead.
const timeline = ".o_production_coordination_timeline";
const item = (text) => `${timeline} .vis-item:has(.o_pc_timeline_item:contains("${text}"))`;

registry.category("web_tour.tours").add("production_coordination_media_booking_timeline", {
    steps: () => [
        {
            content: "The timeline opens on the next days with work: bookings are in view",
            trigger: `${timeline} .vis-item .o_pc_timeline_item`,
        },
        {
            content: "Search Camille's bookings",
            trigger: ".o_searchview_input",
            run: "edit Tour Camille",
        },
        {
            content: "… as the crew member",
            trigger: ".o_searchview_autocomplete .o_menu_item:contains(Crew Member)",
            run: "click",
        },
        {
            content: "One row for Camille",
            trigger: `${timeline} .vis-label:contains("Tour Camille")`,
        },
        {
            content: "Her two bookings, ten days ahead, without conflict",
            trigger: `${item("Tour Advert")}:not(:has(.o_pc_timeline_conflict))`,
        },
        {
            content: "The media coordinator may move bookings",
            trigger: `${item("Tour Documentary")}.vis-editable:not(:has(.o_pc_timeline_conflict))`,
        },
        {
            content: "Select the morning",
            trigger: item("Tour Documentary"),
            run: "click",
        },
        {
            content: "Drag it onto the afternoon",
            trigger: `${item("Tour Documentary")}.vis-selected`,
            async run(helpers) {
                await helpers.drag_and_drop(item("Tour Advert"), {
                    position: "center",
                    relative: true,
                });
            },
        },
        {
            content: "The moved booking is in conflict at once",
            trigger: `${item("Tour Documentary")} .o_pc_timeline_conflict`,
        },
        {
            content: "… and so is the other one",
            trigger: `${item("Tour Advert")} .o_pc_timeline_conflict`,
        },
        {
            content: "Hover the moved booking",
            trigger: item("Tour Documentary"),
            run: "hover",
        },
        {
            content: "It says what it clashes with",
            trigger: ".vis-tooltip:contains(Tour Advert)",
        },
    ],
});

// A crew user's own bookings on the My Schedule timeline (tests/test_booking_timeline_ui.py):
// Ana on a documentary day ten days ahead; she reads it and opens it, she moves nothing.
registry.category("web_tour.tours").add("production_coordination_media_my_schedule_timeline", {
    steps: () => [
        {
            content: "Show My Schedule as a timeline",
            trigger: ".o_switch_view.o_timeline",
            run: "click",
        },
        {
            content: "It opens on her next booking, one row per production",
            trigger: `${timeline} .vis-label:contains("Tour Documentary")`,
        },
        {
            content: "Her booking is read-only",
            trigger: `${timeline} .vis-item.vis-readonly .o_pc_timeline_item`,
        },
        {
            content: "… nothing can be dragged",
            trigger: `${timeline}:not(:has(.vis-item.vis-editable))`,
        },
        {
            content: "Open the booking",
            trigger: `${timeline} .vis-item .o_pc_timeline_item`,
            run: "dblclick",
        },
        {
            content: "Its details open",
            trigger: ".modal .o_form_view:contains(Ana Crew)",
        },
    ],
});
