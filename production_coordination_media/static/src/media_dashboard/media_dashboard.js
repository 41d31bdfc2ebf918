import { deserializeDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { CoordinationDashboard } from "@production_coordination/dashboard/dashboard";

const DASHBOARD = "media.dashboard";

/**
 * The media dashboard: productions by phase, the next 7 days of shoot days with their
 * unconfirmed calls and conflicts, deliverables, and (with the budget part) budget burn and
 * rentals due back. A crew user sees only their own next days. One server call returns
 * everything; the filters are remembered per user.
 *
 * It is the coordination dashboard's component (same look, same helpers: refresh, dates,
 * opening a tile's action) on the media data call.
 */
export class MediaDashboard extends CoordinationDashboard {
    static template = "production_coordination_media.Dashboard";

    async load(filters) {
        this.state.loading = true;
        try {
            this.state.data = await this.orm.call(DASHBOARD, "get_dashboard_data", [], {
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
        await this.orm.call(DASHBOARD, "set_dashboard_filters", [filters]);
        await this.load(filters);
    }

    toggleCompany(companyId) {
        const current = new Set(this.state.data.filters.company_ids);
        if (current.has(companyId) && current.size > 1) {
            current.delete(companyId);
        } else {
            current.add(companyId);
        }
        this.setFilters({ company_ids: [...current] });
    }

    toggleMine() {
        this.setFilters({ mine: !this.state.data.filters.mine });
    }

    /** A call time ("2026-12-07 06:00:00" UTC) as the user's time of day. */
    timeOf(value) {
        return value ? deserializeDateTime(value).toFormat("HH:mm") : "";
    }

    async download(kind) {
        const action = await this.orm.call(
            DASHBOARD,
            kind === "xlsx" ? "action_status_report_xlsx" : "action_status_report_pdf",
            [this.state.data.filters]
        );
        this.action.doAction(action);
    }

    get title() {
        return this.state.data.role === "crew" ? _t("My next days") : _t("Media Productions");
    }
}

registry.category("actions").add("production_coordination_media.dashboard", MediaDashboard);
