import { onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { ListController } from "@web/views/list/list_controller";
import { listView } from "@web/views/list/list_view";

/** The res.company field that tells the state of the model's last refresh job. */
const STATE_FIELDS = {
    "coordination.redundancy": "coordination_redundancy_refresh_state",
    "coordination.workcenter.load": "coordination_load_refresh_state",
};

/**
 * The lists whose Refresh runs in the background (redundancy suggestions, work center load):
 * beside the buttons, the state of the current company's last refresh; when the server says a
 * refresh is over (bus notification `production_coordination.refresh_state`, sent with the
 * user's "done" or "failed" notification), the state is read again and the list reloaded.
 */
export class RefreshStateListController extends ListController {
    static template = "production_coordination.RefreshStateListView";

    setup() {
        super.setup();
        this.busService = useService("bus_service");
        this.companyService = useService("company");
        this.orm = useService("orm");
        this.refreshState = useState({ state: false });
        onWillStart(() => this.loadRefreshState());
        const onRefreshState = async (payload) => {
            if (payload.model === this.props.resModel) {
                await this.loadRefreshState();
                await this.model.load();
            }
        };
        this.busService.subscribe("production_coordination.refresh_state", onRefreshState);
        onWillUnmount(() =>
            this.busService.unsubscribe("production_coordination.refresh_state", onRefreshState)
        );
    }

    get refreshStateLabel() {
        return {
            pending: _t("Refresh waiting"),
            started: _t("Refreshing"),
            done: _t("Refreshed"),
            failed: _t("Refresh failed"),
        }[this.refreshState.state];
    }

    async loadRefreshState() {
        const field = STATE_FIELDS[this.props.resModel];
        const companyId = this.companyService.activeCompanyIds[0];
        if (!field || !companyId) {
            return;
        }
        const [company] = await this.orm.read("res.company", [companyId], [field]);
        this.refreshState.state = company ? company[field] : false;
    }

    /** @override: Refresh has enqueued the job; show its state. */
    async afterExecuteActionButton(clickParams) {
        await super.afterExecuteActionButton(clickParams);
        if (clickParams.name === "action_refresh") {
            await this.loadRefreshState();
        }
    }
}

export const refreshStateListView = {
    ...listView,
    Controller: RefreshStateListController,
};

registry.category("views").add("production_coordination_refresh_state_list", refreshStateListView);
