import { registry } from "@web/core/registry";

// A crew member reports a problem from the Problems list (tests/test_media_problem_ui.py).
registry.category("web_tour.tours").add("production_coordination_media_problem_report", {
    steps: () => [
        {
            content: "Report a new problem",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "What happened",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour dolly wheel broken",
        },
        {
            content: "On the production she is booked on",
            trigger: ".o_field_widget[name=project_id] input",
            run: "edit Tour Documentary",
        },
        {
            content: "… picked from the list",
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Documentary)",
            run: "click",
        },
        {
            content: "Blocking: it holds the day",
            trigger: ".o_field_widget[name=is_blocking] input",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Reported in her name, open",
            trigger:
                ".o_form_saved .o_field_widget[name=reporter_id]:contains(Ana Crew), .o_form_view:not(:has(.o_form_dirty)) .o_field_widget[name=reporter_id]:contains(Ana Crew)",
        },
        {
            content: "No button to move it on: media coordinators do",
            trigger: ".o_form_view:not(:has(button[name=action_resolve]))",
        },
    ],
});
