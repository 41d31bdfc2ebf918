import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * A large status report is prepared by a background job; when its file is ready the server
 * sends "production_coordination.report_ready" on the bus: show a notification with a
 * Download button (its link is only readable by the user and their company's coordinators).
 */
export const reportReadyService = {
    dependencies: ["bus_service", "notification", "action"],
    start(env, { bus_service, notification, action }) {
        bus_service.subscribe("production_coordination.report_ready", ({ title, message, url }) => {
            const close = notification.add(message, {
                title,
                type: "success",
                sticky: true,
                buttons: [
                    {
                        name: _t("Download"),
                        primary: true,
                        onClick: () => {
                            action.doAction({ type: "ir.actions.act_url", url, target: "download" });
                            close();
                        },
                    },
                ],
            });
        });
        bus_service.start();
    },
};

registry.category("services").add("production_coordination.report_ready", reportReadyService);
