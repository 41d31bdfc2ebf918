import { registry } from "@web/core/registry";
import { assertFitsPhone } from "@production_coordination/../tests/tours/phone";

// The availability grid (tests/test_media_grid_ui.py): Tour Grid Person booked in 2 days on
// one production, pencilled in 3 days on another, unavailable in 4 days.
const row = '.o_media_grid_row:has(.o_media_grid_name:contains("Tour Grid Person"))';

function gridSteps() {
    return [
        {
            content: "The grid opens on the next 14 days: the person's row",
            trigger: row,
        },
        {
            content: "Booked, pencilled and unavailable days, the others free",
            trigger: `${row} .o_media_grid_cell[data-state=booked] + .o_media_grid_cell[data-state=held] + .o_media_grid_cell[data-state=unavailable]`,
        },
        {
            content: "Her utilisation: 1 day booked of 13 available",
            trigger: `${row} .o_media_grid_util:contains("8%")`,
        },
        {
            content: "Her department, with its utilisation",
            trigger: '.o_media_grid_group:contains("Camera") .o_media_grid_util',
        },
        {
            content: "Only the sound department",
            trigger: ".o_media_grid_department",
            run: "selectByLabel Sound",
        },
        {
            content: "She is not in it",
            trigger: `.o_media_grid_table:not(:has(${row}))`,
        },
        {
            content: "All departments again",
            trigger: ".o_media_grid_department",
            run: "selectByLabel All departments",
        },
        {
            content: "Next period",
            trigger: `.o_media_grid_table:has(${row})`,
            run: () => document.querySelector(".o_media_grid_next").click(),
        },
        {
            content: "Nothing booked for her then",
            trigger: `${row}:not(:has(.o_media_grid_cell[data-state=booked]))`,
        },
    ];
}

registry.category("web_tour.tours").add("production_coordination_media_grid", {
    steps: gridSteps,
});

registry.category("web_tour.tours").add("production_coordination_media_grid_phone", {
    steps: () => [
        ...gridSteps().slice(0, 2),
        {
            content: "On a phone the filters fit the screen; the grid scrolls inside itself",
            trigger: row,
            run: () => {
                assertFitsPhone(".o_media_grid_filters, .o_media_grid_legend");
                const scroll = document.querySelector(".o_media_grid_scroll");
                if (scroll.getBoundingClientRect().right > window.innerWidth + 1) {
                    throw new Error("The grid goes past the right edge of the screen");
                }
                if (scroll.scrollWidth <= scroll.clientWidth) {
                    throw new Error("Fourteen days fit a phone? The grid should scroll sideways");
                }
            },
        },
    ],
});
