import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * A duration kept in minutes (work orders, handoffs) shown as hours and minutes: 2430 reads
 * "40 h 30 min", not "2430:00" as Odoo's float_time widget (made for hours) shows it.
 * The same text as the server's `format_minutes` (models/coordination_format.py).
 *
 * @param {number|false} value minutes
 * @returns {string}
 */
export function formatMinutes(value) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
        return "";
    }
    const total = Math.round(value);
    const sign = total < 0 ? "-" : "";
    const hours = Math.floor(Math.abs(total) / 60);
    const minutes = Math.abs(total) % 60;
    let text;
    if (!hours) {
        text = _t("%(minutes)s min", { minutes });
    } else if (!minutes) {
        text = _t("%(hours)s h", { hours });
    } else {
        text = _t("%(hours)s h %(minutes)s min", { hours, minutes });
    }
    return `${sign}${text}`;
}

export class MinutesField extends Component {
    static template = "production_coordination.MinutesField";
    static props = { ...standardFieldProps };

    get formattedValue() {
        return formatMinutes(this.props.record.data[this.props.name]);
    }
}

export const minutesField = {
    component: MinutesField,
    displayName: _t("Hours and minutes (a value in minutes)"),
    supportedTypes: ["float", "integer"],
    isEmpty: () => false,
};

registry.category("fields").add("production_coordination_minutes", minutesField);
// Group rows and totals of list columns with this widget use the same text.
registry.category("formatters").add("production_coordination_minutes", formatMinutes);
