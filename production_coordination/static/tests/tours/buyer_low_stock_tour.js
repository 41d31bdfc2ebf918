import { registry } from "@web/core/registry";

// A buyer (Purchase rights only) opens the low-stock tasks from the Purchase app, sees which
// order the missing tubes block, and creates the request for quotation from the task. The test
// gives the company two tasks: M-Tube (his) and M-Bolt (a colleague's); one order lacks both.
const tubeRow = `.o_data_row:contains("M-Tube")`;

registry.category("web_tour.tours").add("production_coordination_buyer_low_stock", {
    steps: () => [
        {
            content: "Open the Orders menu of the Purchase app",
            trigger: `.o_menu_sections .dropdown-toggle:contains("Orders")`,
            run: "click",
        },
        {
            content: "Open the low-stock tasks",
            trigger: `.dropdown-item:contains("Low-Stock Tasks")`,
            run: "click",
        },
        {
            content: "Both open tasks of the company are listed, with their buyers",
            trigger: `.o_list_view ${tubeRow}:contains("Tube Supply Co")`,
        },
        {
            content: "... the colleague's too",
            trigger: `.o_list_view .o_data_row:contains("M-Bolt"):contains("Bolt Supply Co")`,
        },
        {
            content: "Open the tube task",
            trigger: `${tubeRow} td[name="coordination_product_id"]`,
            run: "click",
        },
        {
            content: "The task says which order lacks the tubes",
            trigger: `.o_form_view .o_field_widget[name="coordination_line_ids"] .o_data_row:contains("/MO/")`,
        },
        {
            content: "Create the request for quotation",
            trigger: `.o_form_view .o_form_statusbar button[name="action_coordination_create_rfq"]:contains("Create RFQ")`,
            run: "click",
        },
        {
            content: "The notification says what was ordered from whom",
            trigger: `.o_notification:contains("Tube Supply Co")`,
        },
        {
            content: "The RFQ opens: the vendor, the tubes",
            trigger: `.o_form_view .o_field_widget[name="partner_id"] input:value("Tube Supply Co")`,
        },
        {
            content: "... the missing quantity on its line",
            trigger: `.o_form_view .o_field_widget[name="order_line"] .o_data_row:contains("M-Tube")`,
        },
    ],
});
