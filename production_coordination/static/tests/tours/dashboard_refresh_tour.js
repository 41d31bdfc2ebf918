import { registry } from "@web/core/registry";

// The dashboard's first load fails, then its 5-minute refresh runs: it loads the user's saved
// filters instead of throwing (there are no filters of a previous load to reuse).
const REFRESH_MS = 5 * 60 * 1000;

registry.category("web_tour.tours").add("production_coordination_dashboard_refresh", {
    url: "/odoo/discuss",
    steps: () => [
        {
            content: "Open the dashboard: its first load fails, its refresh is kept for later",
            trigger: ".o_action_manager",
            run() {
                const { services } = odoo.__WOWL_DEBUG__.root.env;
                const call = services.orm.call;
                let failed = false;
                services.orm.call = function (model, method, ...args) {
                    if (method === "get_dashboard_data" && !failed) {
                        failed = true;
                        return Promise.reject(new Error("The first load failed"));
                    }
                    return call.call(this, model, method, ...args);
                };
                const setInterval = window.setInterval;
                window.pcDashboardRefreshes = [];
                window.setInterval = function (callback, delay, ...rest) {
                    if (delay === REFRESH_MS) {
                        window.pcDashboardRefreshes.push(callback);
                    }
                    return setInterval.call(window, callback, delay, ...rest);
                };
                services.action.doAction("production_coordination.coordination_dashboard_action");
            },
        },
        {
            content: "The dashboard says its first load failed; the refresh comes",
            trigger:
                ".o_production_coordination_dashboard .alert-danger:contains('The first load failed')",
            run() {
                if (window.pcDashboardRefreshes.length !== 1) {
                    throw new Error(`${window.pcDashboardRefreshes.length} refreshes scheduled`);
                }
                window.pcDashboardRefreshes[0]();
            },
        },
        {
            content: "The refresh loaded the dashboard",
            trigger: ".o_production_coordination_dashboard:not(:has(.alert-danger)) .o_pc_filters",
        },
    ],
});
