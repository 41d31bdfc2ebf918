import { Component, onWillStart, useState } from "@odoo/owl";
import { deserializeDate, formatDate, serializeDate } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const { DateTime } = luxon;

const STATE_LABELS = {
    booked: _t("Booked"),
    held: _t("Pencilled"),
    unavailable: _t("Unavailable"),
    partial: _t("Off part of the day"),
    free: _t("Free slot"),
};

/**
 * The availability grid: crew and equipment × days for a period, per department, each cell
 * booked / held (pencil) / unavailable / off part of the day / free (a booking in conflict
 * marked), with the utilisation of each person and
 * department. One server call (media.availability.grid.get_grid) returns the whole grid.
 */
export class MediaAvailabilityGrid extends Component {
    static template = "production_coordination_media.AvailabilityGrid";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        const today = DateTime.local().startOf("day");
        this.state = useState({
            data: null,
            error: null,
            loading: true,
            dateFrom: serializeDate(today),
            days: 14,
            departmentId: false,
        });
        this.stateLabels = STATE_LABELS;
        this.conflictLabel = _t("in conflict");
        onWillStart(() => this.load());
    }

    get dateTo() {
        const start = deserializeDate(this.state.dateFrom);
        return serializeDate(start.plus({ days: this.state.days - 1 }));
    }

    async load() {
        this.state.loading = true;
        try {
            this.state.data = await this.orm.call("media.availability.grid", "get_grid", [
                this.state.dateFrom,
                this.dateTo,
            ], { department_id: this.state.departmentId });
            this.state.error = null;
        } catch (error) {
            this.state.error = error.data?.message || error.message;
        } finally {
            this.state.loading = false;
        }
    }

    dayLabel(date) {
        return formatDate(deserializeDate(date), { format: "ccc d" });
    }

    isWeekend(date) {
        return deserializeDate(date).weekday > 5;
    }

    shift(days) {
        const start = deserializeDate(this.state.dateFrom);
        this.state.dateFrom = serializeDate(start.plus({ days }));
        this.load();
    }

    onDateFrom(ev) {
        if (ev.target.value) {
            this.state.dateFrom = ev.target.value;
            this.load();
        }
    }

    onDays(ev) {
        this.state.days = parseInt(ev.target.value) || 14;
        this.load();
    }

    onDepartment(ev) {
        this.state.departmentId = parseInt(ev.target.value) || false;
        this.load();
    }
}

registry
    .category("actions")
    .add("production_coordination_media.availability_grid", MediaAvailabilityGrid);
