import { onWillStart } from "@odoo/owl";
import { escape } from "@web/core/utils/strings";
import { registry } from "@web/core/registry";
import { renderToString } from "@web/core/utils/render";
import { user } from "@web/core/user";
import { TimelineArchParser } from "@web_timeline/views/timeline/timeline_arch_parser.esm";
import { TimelineController } from "@web_timeline/views/timeline/timeline_controller.esm";
import { TimelineModel } from "@web_timeline/views/timeline/timeline_model.esm";
import { TimelineRenderer } from "@web_timeline/views/timeline/timeline_renderer.esm";
import { TimelineView } from "@web_timeline/views/timeline/timeline_view.esm";

const { DateTime } = luxon;
const formatters = registry.category("formatters");
const parsers = registry.category("parsers");

// The window the timeline opens on: from the next day with work to the end of the N-th day on
// which work starts (`work_days`, 3 by default), at most MAX_WINDOW_DAYS long.
const WORK_DAYS = 3;
const MAX_WINDOW_DAYS = 14;

/**
 * The OCA timeline (web_timeline) as our schedules use it: `<timeline
 * js_class="production_coordination_timeline" tooltip="field">`.
 *
 * - A move (drag) calls the model's `coordination_timeline_move(values)` instead of `write`:
 *   the server replans by its own rules or refuses with its reason (shown by Odoo), and the
 *   item goes back where it was.
 * - The timeline opens on the next days that have work (`work_days`: how many days on which
 *   work starts it shows, 3 by default), not on the current week when it is empty; again after
 *   the search changes.
 * - `tooltip`: a text field shown when hovering an item.
 * - The item template also gets `group_by`: the field of the rows.
 * - `edit_groups`: a group (xml id) the user must have, besides the write access, to move
 *   items; others read.
 */
export class CoordinationTimelineArchParser extends TimelineArchParser {
    parse(arch, fields) {
        const archInfo = super.parse(arch, fields);
        const root = typeof arch === "string" ? new DOMParser().parseFromString(arch, "text/xml").documentElement : arch;
        archInfo.editGroups = root.getAttribute("edit_groups") || "";
        archInfo.workDays = parseInt(root.getAttribute("work_days"), 10) || WORK_DAYS;
        const tooltip = root.getAttribute("tooltip");
        if (tooltip) {
            archInfo.tooltip = tooltip;
            if (!archInfo.fieldNames.includes(tooltip)) {
                archInfo.fieldNames.push(tooltip);
            }
        }
        return archInfo;
    }
}

export class CoordinationTimelineModel extends TimelineModel {
    setup(params, services) {
        // web_timeline asks check_access_rights(), deprecated in Odoo 18 (a warning in the
        // server's log): answer from has_access instead, cached by the user service.
        const orm = this.orm;
        this.orm = Object.assign(Object.create(orm), {
            call: (model, method, args = [], kwargs = {}) =>
                method === "check_access_rights"
                    ? user.checkAccessRight(model, args[0])
                    : orm.call(model, method, args, kwargs),
        });
        super.setup(params, services);
        this.focusNextWork = true;
        this.domainKey = null;
        this.inEditGroups = true;
        onWillStart(async () => {
            for (const group of params.editGroups.split(",").filter(Boolean)) {
                this.inEditGroups &&= await user.hasGroup(group.trim());
            }
        });
    }

    get canEdit() {
        return super.canEdit && this.inEditGroups;
    }

    async load(searchParams) {
        const domainKey = JSON.stringify(searchParams.domain || []);
        if (domainKey !== this.domainKey) {
            this.domainKey = domainKey;
            this.focusNextWork = true;
        }
        return super.load(searchParams);
    }

    _event_data_transform(record) {
        const item = super._event_data_transform(record);
        const tooltip = this.params.tooltip && record[this.params.tooltip];
        if (tooltip) {
            item.title = escape(tooltip).replace(/\n/g, "<br/>");
        }
        return item;
    }

    /** Items also know the field of their rows (`group_by`): they need not repeat it. */
    _render_timeline_item(record) {
        return renderToString(this.recordTemplate, {
            record,
            group_by: this.last_group_bys[0] || false,
            formatters,
            parsers,
        });
    }

    async write_completed(id, vals) {
        return this.orm.call(this.model_name, "coordination_timeline_move", [[id], vals]);
    }

    /**
     * The window of the next days with work: from the first day on which an item starts (from
     * now on; from today when an item runs now and the first start is today or tomorrow) to
     * the end of the `work_days`-th day on which an item starts (at most MAX_WINDOW_DAYS
     * long); today when none starts but one runs; null when nothing is planned from now on.
     *
     * @param {number} workDays days with work to show
     */
    getNextWorkWindow(workDays) {
        const now = DateTime.now();
        const today = now.startOf("day");
        const days = new Set();
        let running = false;
        for (const record of this.data || []) {
            if (!record[this.date_start]) {
                continue;
            }
            const [start, stop] = this._get_event_dates(record);
            if (start >= now) {
                days.add(start.toLocal().startOf("day").toMillis());
            } else if (stop && stop > now) {
                running = true;
            }
        }
        if (!days.size) {
            return running ? { start: today, end: today.plus({ days: 1 }) } : null;
        }
        const shown = [...days].sort((a, b) => a - b).slice(0, workDays);
        const last = DateTime.fromMillis(shown.at(-1)).plus({ days: 1 });
        // Work running now shows from today when the next starts are today or tomorrow; past a
        // weekend, the window opens on the next starts (the running items reach into them).
        const fromToday = running && shown[0] <= today.plus({ days: 1 }).toMillis();
        const first = fromToday ? today : DateTime.fromMillis(shown[0]);
        const end = DateTime.min(last, first.plus({ days: MAX_WINDOW_DAYS }));
        return { start: first, end };
    }
}

export class CoordinationTimelineController extends TimelineController {
    /**
     * Write the moves; a refused one goes back where it was (and those after it are not
     * sent), Odoo shows the server's reason. The view is reloaded in any case.
     */
    async internalMove() {
        const moves = this.moveQueue.splice(0);
        let done = 0;
        try {
            for (const move of moves) {
                await this.model.write_completed(move.id, move.data);
                move.callback(move.item);
                done++;
            }
        } finally {
            for (const move of moves.slice(done)) {
                move.callback(null);
            }
            await this.model.load(this.getSearchProps());
            this.render();
        }
    }
}

export class CoordinationTimelineRenderer extends TimelineRenderer {
    async on_data_loaded(records, adjust_window) {
        await super.on_data_loaded(records, adjust_window);
        if (this.model.focusNextWork) {
            this.model.focusNextWork = false;
            this.showNextWork();
        }
    }

    /** The rows; the "UNASSIGNED" one only when an item has no value for the row's field. */
    async split_groups(records) {
        const groups = await super.split_groups(records);
        const field = this.model.last_group_bys[0];
        if (field && !records.some((record) => !record[field])) {
            return groups.filter((group) => group.id !== -1);
        }
        return groups;
    }

    /** Show the next days with work (see the model's getNextWorkWindow); one on a phone. */
    showNextWork() {
        const range = this.model.getNextWorkWindow(this.env.isSmall ? 1 : this.params.workDays);
        if (!range || !this.timeline) {
            return;
        }
        this.timeline.setWindow(range.start.toJSDate(), range.end.toJSDate(), {
            animation: false,
        });
    }
}

export const coordinationTimelineView = {
    ...TimelineView,
    ArchParser: CoordinationTimelineArchParser,
    Controller: CoordinationTimelineController,
    Model: CoordinationTimelineModel,
    Renderer: CoordinationTimelineRenderer,
};

registry.category("views").add("production_coordination_timeline", coordinationTimelineView);
