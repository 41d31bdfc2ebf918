import { Component, onWillStart, onMounted, onWillUnmount, useState } from "@odoo/owl";
import {
    deserializeDate,
    deserializeDateTime,
    formatDate,
    formatDateTime,
} from "@web/core/l10n/dates";
import { formatFloat } from "@web/core/utils/numbers";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const REFRESH_MS = 5 * 60 * 1000;

/**
 * The coordination dashboard: where production stands, for the chosen companies, warehouse
 * and department. One server call returns every figure; the filters are remembered per user.
 */
export class CoordinationDashboard extends Component {
    static template = "production_coordination.Dashboard";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ data: null, loading: true, error: null });
        onWillStart(() => this.load(null));
        onMounted(() => {
            this.timer = setInterval(() => this.refresh(), REFRESH_MS);
        });
        onWillUnmount(() => clearInterval(this.timer));
    }

    /**
     * The periodic refresh: with the filters shown, or the saved ones when nothing could be
     * shown yet (the first load failed: it is tried again).
     */
    refresh() {
        return this.load(this.state.data ? this.state.data.filters : null);
    }

    async load(filters) {
        this.state.loading = true;
        try {
            this.state.data = await this.orm.call("coordination.dashboard", "get_dashboard_data", [], {
                filters,
            });
            this.state.error = null;
        } catch (error) {
            this.state.error = error.data?.message || error.message;
        } finally {
            this.state.loading = false;
        }
    }

    async setFilters(changes) {
        const filters = { ...this.state.data.filters, ...changes };
        await this.orm.call("coordination.dashboard", "set_dashboard_filters", [filters]);
        await this.load(filters);
    }

    toggleCompany(companyId) {
        const current = new Set(this.state.data.filters.company_ids);
        if (current.has(companyId) && current.size > 1) {
            current.delete(companyId);
        } else {
            current.add(companyId);
        }
        this.setFilters({ company_ids: [...current], warehouse_id: false, department_ids: [] });
    }

    onWarehouse(ev) {
        this.setFilters({ warehouse_id: parseInt(ev.target.value) || false });
    }

    onDepartment(ev) {
        const id = parseInt(ev.target.value);
        this.setFilters({ department_ids: id ? [id] : [] });
    }

    formatDate(value) {
        return value ? formatDate(deserializeDateTime(value)) : "";
    }

    /** A date without time ("2026-12-07" from the server) in the user's format. */
    formatDay(value) {
        return value ? formatDate(deserializeDate(value)) : "";
    }

    /** A load in percent, one decimal, as the load pivot and the status report show it. */
    formatLoad(value) {
        return formatFloat(value, { digits: [16, 1] });
    }

    formatHours(value) {
        return formatFloat(value, { digits: [16, 1] });
    }

    loadTitle(load) {
        const hours = _t("%(planned)s planned of %(available)s available hours", {
            planned: this.formatHours(load.planned_hours),
            available: this.formatHours(load.available_hours),
        });
        return `${this.formatLoad(load.load_percent)} %: ${hours}`;
    }

    /** The bar's width: the share of the available hours planned, full past capacity. */
    loadWidth(percent) {
        return Math.max(0, Math.min(percent, 100));
    }

    loadTone(percent) {
        if (percent > 100) {
            return "bg-danger";
        }
        return percent >= 85 ? "bg-warning" : "bg-success";
    }

    get generatedLabel() {
        return formatDateTime(deserializeDateTime(this.state.data.generated));
    }

    get selectedDepartment() {
        return this.state.data.filters.department_ids[0] || 0;
    }

    openAction(action) {
        this.action.doAction(action);
    }

    async openRecord(resModel, resId) {
        // The record's own form (e.g. the low-stock form for a shortage task).
        const action = await this.orm.call(resModel, "get_formview_action", [[resId]]);
        this.action.doAction(action);
    }

    async download(kind) {
        const action = await this.orm.call(
            "coordination.dashboard",
            kind === "xlsx" ? "action_status_report_xlsx" : "action_status_report_pdf",
            [this.state.data.filters]
        );
        this.action.doAction(action);
    }

    async planMeeting() {
        const action = await this.orm.call("coordination.dashboard", "action_plan_meeting", [
            this.state.data.filters,
        ]);
        this.action.doAction(action);
    }

    legStateLabel(state) {
        return (
            {
                waiting: _t("Waiting"),
                ready: _t("Ready"),
                in_progress: _t("In Progress"),
                blocked: _t("Blocked"),
            }[state] || ""
        );
    }
}

registry.category("actions").add("production_coordination.dashboard", CoordinationDashboard);
