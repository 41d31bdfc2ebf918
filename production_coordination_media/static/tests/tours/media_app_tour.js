import { registry } from "@web/core/registry";
import { assertFitsPhone } from "@production_coordination/../tests/tours/phone";

/** Fails the tour when the user's apps include the factory's (Coordination, Manufacturing). */
function checkNoFactoryApps() {
    const apps = [...document.querySelectorAll(".o_app[data-menu-xmlid]")].map(
        (app) => app.dataset.menuXmlid
    );
    const factory = apps.filter((xmlid) =>
        ["production_coordination.menu_coordination_root", "mrp.menu_mrp_root"].includes(xmlid)
    );
    if (!apps.includes("production_coordination_media.menu_media_root") || factory.length) {
        throw new Error(`Apps shown: ${apps.join(", ")}`);
    }
}

registry.category("web_tour.tours").add("production_coordination_media_home", {
    steps: () => [
        {
            content: "The media coordinator lands in the Media Productions app",
            trigger: ".o_main_navbar .o_menu_brand:contains('Media Productions')",
        },
        {
            content: "Its home: the media dashboard",
            trigger: ".o_production_coordination_media_dashboard .o_pc_tiles",
        },
        {
            content: "Open the productions board",
            trigger: ".o_menu_sections [data-menu-xmlid='production_coordination_media.project_project_menu_media']",
            run: "click",
        },
        {
            content: "The productions board, one column per phase",
            trigger: ".o_kanban_view .o_kanban_record:contains('Test Documentary')",
        },
        {
            content: "The production with a double booking says what clashes",
            trigger:
                ".o_kanban_record:contains('Test Documentary') .o_media_conflict_badge[title*='Ana Crew']",
        },
        {
            content: "Open the apps",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Media Productions is an app; the factory's apps are not there",
            trigger: ".o_app[data-menu-xmlid='production_coordination_media.menu_media_root']",
            run: checkNoFactoryApps,
        },
        {
            content: "Open the production",
            trigger: ".o_kanban_record:contains('Test Documentary')",
            run: "click",
        },
        {
            content: "Its banner names the clash, not only how many",
            trigger: ".o_form_view .o_media_production_conflicts:contains('Ana Crew'):contains('Test Commercial')",
        },
    ],
});

registry.category("web_tour.tours").add("production_coordination_media_crew_phone", {
    steps: () => [
        {
            content: "On her phone, the crew member lands on My Schedule",
            trigger: ".o_breadcrumb:contains('My Schedule')",
        },
        {
            content: "On a phone, one card per call: today's, with its call sheet to confirm",
            trigger: ".o_media_schedule_kanban .o_kanban_record:contains('Test Documentary') .o_media_confirm_call",
        },
        {
            content: "Nothing is cut off: the page does not scroll sideways",
            trigger: ".o_media_schedule_kanban",
            run: () => assertFitsPhone(".o_action_manager, .o_content, .o_kanban_record"),
        },
        {
            content: "Confirm the call",
            trigger: ".o_kanban_record:contains('Test Documentary') .o_media_confirm_call",
            run: "click",
        },
        {
            content: "The call is confirmed",
            trigger:
                ".o_kanban_record:contains('Test Documentary') .o_field_badge:contains('Confirmed')",
        },
        {
            content: "Nothing left to confirm",
            trigger: ".o_media_schedule_kanban:not(:has(.o_media_confirm_call))",
        },
        {
            content: "Open the app's menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Her own menus: My Schedule and her unavailable dates",
            trigger: ".o_app_menu_sidebar:contains('My Unavailable Dates')",
        },
        {
            content: "Enter an unavailable date",
            trigger: ".o_app_menu_sidebar [data-menu-xmlid='production_coordination_media.media_crew_unavailability_menu_mine']",
            run: "click",
        },
        {
            content: "Her unavailable dates are open",
            trigger: ".o_breadcrumb:contains('My Unavailable Dates')",
        },
    ],
});
