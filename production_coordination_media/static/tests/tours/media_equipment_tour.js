import { registry } from "@web/core/registry";

// Check-out and a faulty check-in from a booking (tests/test_media_equipment_ui.py): the
// check-in opens the maintenance request, linked to the production.
registry.category("web_tour.tours").add("production_coordination_media_equipment_checkin", {
    steps: () => [
        {
            content: "The equipment booking, not checked out yet: Check Out",
            trigger: ".o_form_view button[name=action_check_out]",
            run: "click",
        },
        {
            content: "Checked out: Check In",
            trigger: ".o_form_view button[name=action_check_in]",
            run: "click",
        },
        {
            content: "The condition: faulty",
            trigger: ".modal div[name=condition] input[data-value=faulty]",
            run: "click",
        },
        {
            content: "A faulty check-in says what is wrong",
            trigger: ".modal div[name=note] textarea",
            run: "edit Lens mount cracked",
        },
        {
            content: "Check it in",
            trigger: ".modal button[name=action_check_in]",
            run: "click",
        },
        {
            content: "The maintenance request it opened, on the production",
            trigger: ".o_form_view div[name=coordination_project_id] input:value(Test Documentary)",
        },
        {
            content: "… from the booking",
            trigger: ".o_form_view div[name=coordination_booking_id]:contains(Test camera package)",
        },
    ],
});
