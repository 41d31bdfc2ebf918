import { registry } from "@web/core/registry";
import { assertFitsPhone } from "@production_coordination/../tests/tours/phone";

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

// The same buyer on a phone: the low-stock tasks as cards, no sideways scrolling; a card opens
// the task.
registry.category("web_tour.tours").add("production_coordination_buyer_low_stock_phone", {
    steps: () => [
        {
            content: "The tasks open as cards: what is short, how much, from whom",
            trigger: `.o_kanban_view .o_kanban_record:contains("M-Tube"):contains("Short"):contains("Tube Supply Co")`,
            run: () => assertFitsPhone(".o_content, .o_kanban_renderer, .o_kanban_record"),
        },
        {
            content: "Open the tube task",
            trigger: `.o_kanban_record:contains("M-Tube")`,
            run: "click",
        },
        {
            content: "Create RFQ is in sight on the phone (not only in the gear menu)",
            trigger: `.o_form_view .o_form_sheet button.o_production_coordination_rfq_phone`,
            run: "click",
        },
        {
            content: "The RFQ opens",
            trigger: `.o_form_view .o_field_widget[name="partner_id"] input:value("Tube Supply Co")`,
        },
    ],
});
