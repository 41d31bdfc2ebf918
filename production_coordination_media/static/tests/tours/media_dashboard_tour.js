import { registry } from "@web/core/registry";
import { assertFitsPhone } from "@production_coordination/../tests/tours/phone";

registry.category("web_tour.tours").add("production_coordination_media_dashboard", {
    steps: () => [
        {
            content: "The media dashboard: productions by phase",
            trigger: ".o_production_coordination_media_dashboard .o_pcm_phase_production:contains('Production')",
        },
        {
            content: "The shoot days of the next 7 days: both productions",
            trigger: ".o_pcm_days li:contains('Dash Commercial')",
        },
        {
            content: "Only my productions",
            trigger: ".o_pcm_mine input",
            run: "click",
        },
        {
            content: "The other coordinator's shoot day is gone; mine says it clashes",
            trigger: ".o_pcm_days:not(:has(li:contains('Dash Commercial'))) li:contains('Dash Feature') .badge.text-bg-danger",
        },
        {
            content: "Open the conflicts tile",
            trigger: ".o_pcm_tile_conflicts .o_pc_count:contains('1')",
            run: "click",
        },
        {
            content: "It opens exactly the clashing booking of my production",
            trigger: ".o_list_view .o_data_row:contains('Dash camera'):contains('Dash Feature')",
        },
        {
            content: "One row, no more",
            trigger: ".o_list_view:not(:has(.o_data_row:eq(1)))",
        },
    ],
});

registry.category("web_tour.tours").add("production_coordination_media_dashboard_crew", {
    steps: () => [
        {
            content: "The crew member sees her own next days",
            trigger: ".o_production_coordination_media_dashboard .o_pcm_my_days li:contains('Dash Feature')",
        },
        {
            content: "Nobody else's, no report, no cost",
            trigger: ".o_production_coordination_media_dashboard:not(:has(.o_pcm_days, .o_pcm_xlsx, .o_pcm_burn, .o_pcm_phases))",
        },
        {
            content: "Nothing is cut off on a phone",
            trigger: ".o_pcm_my_days",
            run: () => assertFitsPhone(".o_action_manager, .o_production_coordination_media_dashboard"),
        },
        {
            content: "Her call to confirm",
            trigger: ".o_pcm_tile_my_unconfirmed .o_pc_count:contains('1')",
            run: "click",
        },
        {
            content: "Opens her call sheet",
            trigger: ".o_list_view .o_data_row:contains('Dash Feature')",
        },
    ],
});
