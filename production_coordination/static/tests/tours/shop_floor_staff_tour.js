import { registry } from "@web/core/registry";

// A member of Assembly on a phone (390 px wide) opens My Work Orders: cards, no sideways
// scrolling. The test gives them two work orders: "Tour Ready Frame" (Cutting has handed it
// over) and "Tour Waiting Frame" (still in Cutting).
const ready = `.o_production_coordination_card:contains("Tour Ready Frame")`;
const waiting = `.o_production_coordination_card:contains("Tour Waiting Frame")`;

function assertNoHorizontalScroll() {
    // The test opens a 390 px wide browser: check that it really is a phone's width.
    if (window.innerWidth > 390) {
        throw new Error(`The screen is ${window.innerWidth} px wide, not a phone's 390 px`);
    }
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth) {
        throw new Error(`The page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth} px`);
    }
    for (const element of document.querySelectorAll(
        ".o_content, .o_kanban_renderer, .o_production_coordination_card"
    )) {
        if (element.scrollWidth > element.clientWidth + 1) {
            throw new Error(
                `${element.className} is wider than the screen: ${element.scrollWidth} > ${element.clientWidth} px`
            );
        }
        if (element.getBoundingClientRect().right > window.innerWidth + 1) {
            throw new Error(`${element.className} goes past the right edge of the screen`);
        }
    }
}

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
            run: assertNoHorizontalScroll,
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
            run: assertNoHorizontalScroll,
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
            run: assertNoHorizontalScroll,
        },
    ],
});
