import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("production_coordination_media_publish_and_send", {
    steps: () => [
        {
            content: "The production day is open, in draft",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Draft')",
        },
        {
            content: "Both crew members are booked",
            trigger: ".o_field_widget[name=booking_ids] .o_data_row:contains('Tour Camera')",
        },
        {
            content: "Publish the day: its call sheet becomes revision 1",
            trigger: ".o_form_view .o_form_statusbar button[name=action_publish]",
            run: "click",
        },
        {
            content: "The day is published",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Published')",
        },
        {
            content: "Send the call sheet to the crew",
            trigger: ".o_form_view .o_form_statusbar button[name=action_send_call_sheet]",
            run: "click",
        },
        {
            content: "Open the confirmations",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Confirmations')",
            run: "click",
        },
        {
            content: "Each crew member received the call sheet and has not confirmed yet",
            trigger: ".o_field_widget[name=recipient_ids] .o_data_row:contains('Tour Sound'):contains('Sent')",
        },
        {
            content: "The coordinator can remind the crew who have not confirmed",
            trigger: ".o_form_view .o_form_statusbar button[name=action_send_reminder]",
        },
    ],
});
