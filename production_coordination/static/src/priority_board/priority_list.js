import { useService } from "@web/core/utils/hooks";
import { registry } from "@web/core/registry";
import { listView } from "@web/views/list/list_view";
import { ListRenderer } from "@web/views/list/list_renderer";

/**
 * The priority board: a coordinator drags an order to the place it must take. The drop does not
 * write ranks (they are the refresh's): it opens the rank override with the rank of that place,
 * where the coordinator gives the reason once; the pin goes through
 * `_coordination_set_rank_override`, whose refusal (a colleague's pin, a finished order) is shown
 * in the dialog. Closing the dialog reloads the board: the pinned order where it now ranks, or
 * the board as it was.
 */
export class PriorityBoardListRenderer extends ListRenderer {
    setup() {
        super.setup();
        this.orm = useService("orm");
        this.actionService = useService("action");
    }

    /**
     * The rank an order takes when dropped after `previous` (none: at the top of the board).
     *
     * @param {Object} moved the dragged record
     * @param {Object|null} previous the record now just above it
     * @returns {number}
     */
    getDropRank(moved, previous) {
        const rank = moved.data.coordination_rank;
        if (!previous) {
            const others = this.props.list.records.filter((record) => record !== moved);
            return others.length ? others[0].data.coordination_rank : rank;
        }
        const previousRank = previous.data.coordination_rank;
        return rank > previousRank ? previousRank + 1 : previousRank;
    }

    /** @override */
    async sortDrop(dataRowId, { element, previous }) {
        const list = this.props.list;
        await list.leaveEditMode();
        const moved = list.records.find((record) => record.id === dataRowId);
        const before = previous && list.records.find((record) => record.id === previous.dataset.id);
        const rank = moved && this.getDropRank(moved, before || null);
        if (!moved || !rank || rank === moved.data.coordination_rank) {
            return;
        }
        element.classList.remove("o_row_draggable");
        try {
            const action = await this.orm.call("mrp.production", "action_coordination_override_rank", [
                [moved.resId],
            ]);
            await this.actionService.doAction(
                {
                    ...action,
                    views: action.views || [[false, "form"]],
                    context: { ...action.context, default_rank: rank },
                },
                { onClose: () => list.model.load() }
            );
        } finally {
            element.classList.add("o_row_draggable");
        }
    }
}

export const priorityBoardListView = {
    ...listView,
    Renderer: PriorityBoardListRenderer,
};

registry.category("views").add("production_coordination_priority_list", priorityBoardListView);
