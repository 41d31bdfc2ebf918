import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { describe, expect, test } from "@odoo/hoot";
import { queryOne } from "@odoo/hoot-dom";
import { advanceTime, animationFrame } from "@odoo/hoot-mock";
import {
    getService,
    makeServerError,
    mountWithCleanup,
    onRpc,
} from "@web/../tests/web_test_helpers";
import { WebClient } from "@web/webclient/webclient";

describe.current.tags("desktop");
defineMailModels();

const REFRESH_MS = 5 * 60 * 1000;

function dashboardData() {
    const department = (id, name, planned, available, load) => ({
        id,
        name,
        code: name.slice(0, 3).toUpperCase(),
        supervisor: "",
        ready: 1,
        in_progress: 0,
        blocked: 0,
        overdue: 0,
        late_checkins: 0,
        compliant: true,
        planned_hours: planned,
        available_hours: available,
        load_percent: load,
        load_week: "2026-11-23",
        action: false,
    });
    return {
        filters: { company_ids: [1], warehouse_id: false, department_ids: [] },
        options: { companies: [{ id: 1, name: "Company" }], warehouses: [], departments: [] },
        generated: "2026-11-23 08:00:00",
        tiles: [],
        departments: [
            department(1, "Cutting", 60, 60, 100),
            department(2, "Assembly", 45, 40, 112.5),
            department(3, "Quality", 10, 40, 25),
        ],
        load_total: {
            planned_hours: 115,
            available_hours: 140,
            load_percent: 82.1,
            load_week: "2026-11-23",
        },
        top_orders: [],
        blockers: [],
        shortages: [],
        sections: { production: true, materials: false },
    };
}

test("production_coordination dashboard: the periodic refresh retries a failed first load", async () => {
    let calls = 0;
    onRpc("coordination.dashboard", "get_dashboard_data", ({ kwargs }) => {
        calls++;
        expect(kwargs.filters).toBe(null);
        if (calls === 1) {
            throw makeServerError({ message: "The database is being upgraded" });
        }
        return dashboardData();
    });
    await mountWithCleanup(WebClient);
    await getService("action").doAction("production_coordination.dashboard");
    await animationFrame();
    expect(".o_production_coordination_dashboard .alert-danger").toHaveText(
        "The database is being upgraded"
    );
    // Five minutes later the dashboard tries again (with the saved filters: none were shown).
    await advanceTime(REFRESH_MS);
    await animationFrame();
    expect(calls).toBe(2);
    expect(".o_production_coordination_dashboard .alert-danger").toHaveCount(0);
    expect(".o_pc_departments tbody tr").toHaveCount(3);
});

test("production_coordination dashboard: loads are bars of planned against available hours", async () => {
    onRpc("coordination.dashboard", "get_dashboard_data", () => dashboardData());
    await mountWithCleanup(WebClient);
    await getService("action").doAction("production_coordination.dashboard");
    await animationFrame();
    const bars = ".o_pc_departments tbody .o_pc_load_bar .progress-bar";
    expect(bars).toHaveCount(3);
    // Assembly is past its capacity: a full red bar; Quality a quarter, green.
    expect(`.o_pc_departments tbody tr:eq(1) .progress-bar`).toHaveClass("bg-danger");
    expect(queryOne(".o_pc_departments tbody tr:eq(1) .progress-bar").style.width).toBe("100%");
    expect(queryOne(".o_pc_departments tbody tr:eq(2) .progress-bar").style.width).toBe("25%");
    expect(`.o_pc_departments tbody tr:eq(2) .progress-bar`).toHaveClass("bg-success");
    expect(`.o_pc_departments tbody tr:eq(1) .o_pc_load_percent`).toHaveText("112.5 %");
    // The departments together: planned over available, never the busiest one.
    expect(".o_pc_departments tfoot .o_pc_load_percent").toHaveText("82.1 %");
});
