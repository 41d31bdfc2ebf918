# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduled actions that one bad record cannot stop.

A scheduled action processes all its records in one batch, with its usual set-based queries.
Only when that batch fails is it split: each half again in a savepoint, down to the records that
fail on their own. Those are logged (WARNING), skipped, and reported to the coordinator of their
company; every other record is processed as usual, and the next run takes the skipped ones again.
"""

import logging
from collections import defaultdict
from datetime import timedelta

import psycopg2
from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyGettext

from .coordination_const import MANAGER_GROUP

_logger = logging.getLogger(__name__)

# A skipped record is reported to the coordinator once a day while it keeps failing.
REPORT_AGAIN_HOURS = 24
# At most this many records named in one report.
REPORT_MAX_RECORDS = 20
# After this many records failed on their own, the batches left are not split any more (skipped
# as they are): what fails everywhere is no bad record, and splitting would cost n log n runs.
MAX_ISOLATED_FAILURES = 50


class _NotTried(Exception):
    """Stands for the error of a record left untried after too many failures."""


class CoordinationBatch(models.AbstractModel):
    _name = "coordination.batch"
    _description = "Fault-Isolating Batch of a Scheduled Action"

    @api.model
    def _run_isolated(self, records, process, action_name, progress=False):
        """Call ``process(records)``; when it raises, call it again on halves of `records`, each
        in a savepoint, down to single records. The records that fail alone are logged,
        skipped and reported (:meth:`_report_failures`).

        Concurrency errors are not isolated: they concern the whole transaction. After
        MAX_ISOLATED_FAILURES records failed, the batches left are skipped without a try.

        Progress (``ir.cron._notify_progress``) counts records, after each batch and at the end:
        done = processed without failing, remaining = not tried yet (0 at the end).

        :param records: the recordset to process
        :param process: a function taking a subset of `records`
        :param action_name: the scheduled action, as users know it (for the log and report): a
            lazy translation (``_lt``) to name it in each recipient's language
        :param bool progress: ``process`` takes a second argument, a function to call with the
            number of records of its batch done so far: the progress then moves record by
            record (a batch that fails and is split counts again from its first record)
        :return: {record: exception} of the records skipped
        """
        log_name = self._log_name(action_name)
        failures = {}
        done = [0]  # records processed without failing, over every batch

        def notify(count):
            self.env["ir.cron"]._notify_progress(
                done=done[0] + count, remaining=len(records) - done[0] - count - len(failures)
            )

        def attempt(batch):
            if len(failures) >= MAX_ISOLATED_FAILURES:
                failures.update(self._not_tried(batch, log_name))
                return
            try:
                with self.env.cr.savepoint():
                    if progress:
                        process(batch, notify)
                    else:
                        process(batch)
            except psycopg2.errors.TransactionRollbackError:
                raise
            except Exception as error:  # noqa: BLE001 -- any error of one record is isolated
                if len(batch) == 1:
                    _logger.warning(
                        "%s: %s skipped, it fails: %s", log_name, batch, error, exc_info=error
                    )
                    failures[batch] = error
                    return
                middle = len(batch) // 2
                attempt(batch[:middle])
                attempt(batch[middle:])
                return
            done[0] += len(batch)
            notify(0)

        if records:
            attempt(records)
        if failures:
            self._report_failures_safely(action_name, failures)
        self.env["ir.cron"]._notify_progress(done=len(records) - len(failures), remaining=0)
        return failures

    @api.model
    def _report_failures_safely(self, action_name, failures):
        """`_report_failures` in a savepoint: a failure to report never undoes the work done."""
        try:
            with self.env.cr.savepoint():
                self._report_failures(action_name, failures)
        except Exception:  # noqa: BLE001 -- the report must not undo the work done
            _logger.warning(
                "%s: the skipped records could not be reported",
                self._log_name(action_name),
                exc_info=True,
            )

    @api.model
    def _log_name(self, action_name):
        """The action's name for the server log: in English."""
        if isinstance(action_name, LazyGettext):
            return self.with_context(lang="en_US").env._(action_name)
        return action_name

    @api.model
    def _not_tried(self, batch, action_name):
        """{record: error} of a batch left untried after MAX_ISOLATED_FAILURES failures."""
        error = _NotTried(
            self.env._(
                "not processed: %(count)s records failed before it",
                count=MAX_ISOLATED_FAILURES,
            )
        )
        _logger.warning("%s: %s not processed, too many failures", action_name, batch)
        return dict.fromkeys(batch, error)

    @api.model
    def _report_failures(self, action_name, failures):
        """One note per company to its coordinator (else its coordination managers), naming the
        records skipped and why; on the record itself when only one was skipped. Not repeated
        within REPORT_AGAIN_HOURS for the same record (or company) and number of records.

        Written in each recipient's language when `action_name` is a lazy translation
        (``_lt``): one note per language (the errors themselves read as they were raised)."""
        by_company = defaultdict(dict)
        for record, error in failures.items():
            by_company[self._record_company(record)][record] = error
        for company, company_failures in by_company.items():
            recipients = self._failure_recipients(company)
            by_lang = defaultdict(lambda: self.env["res.partner"])
            for (lang, _tz), partners in recipients.partner_id._coordination_group_by_mail_context(
                company
            ).items():
                by_lang[lang] |= partners
            for lang, partners in by_lang.items():
                self.with_context(lang=lang)._notify_failures(
                    action_name, company, company_failures, partners
                )

    @api.model
    def _notify_failures(self, action_name, company, failures, partners):
        """The note of `_report_failures` to `partners`, in the environment's language."""
        records = list(failures)
        target = records[0] if len(records) == 1 else company
        action = self.env._(action_name) if isinstance(action_name, LazyGettext) else action_name
        subject = self.env._(
            "%(action)s: %(count)s record(s) skipped", action=action, count=len(records)
        )
        if self._already_reported(target, subject):
            return
        items = Markup("").join(
            Markup("<li>%s: %s</li>")
            % (self._record_name(record), self._error_text(failures[record]))
            for record in records[:REPORT_MAX_RECORDS]
        )
        if len(records) > REPORT_MAX_RECORDS:
            items += Markup("<li>%s</li>") % self.env._(
                "and %(count)s more (see the server log)",
                count=len(records) - REPORT_MAX_RECORDS,
            )
        body = Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
            self.env._(
                "The scheduled action %(action)s could not process these records and "
                "skipped them; it processed all the others.",
                action=action,
            ),
            items,
            self.env._("Correct them: the next run takes them again."),
        )
        # sudo: the scheduled action notifies on records (or a company) its user may not read.
        self.env["mail.thread"].sudo().message_notify(
            model=target._name,
            res_id=target.id,
            subject=subject,
            body=body,
            partner_ids=partners.ids,
            subtype_xmlid="mail.mt_note",
            email_layout_xmlid="mail.mail_notification_light",
        )

    @api.model
    def _record_company(self, record):
        if record._name == "res.company":
            return record
        if "company_id" in record._fields and record.sudo().company_id:
            return record.sudo().company_id
        return self.env.company

    @api.model
    def _failure_recipients(self, company):
        """The company's coordinator, else its coordination managers."""
        coordinator = company.sudo().coordination_user_id
        if coordinator.active:
            return coordinator
        managers = self.env.ref(MANAGER_GROUP).sudo().users
        return managers.filtered(
            lambda user: user.active
            and not user.share
            and user.id != SUPERUSER_ID
            and company in user.company_ids
        )

    @api.model
    def _record_name(self, record):
        """The record's name; its model and id when the name itself cannot be computed."""
        try:
            with self.env.cr.savepoint():
                return record.sudo().display_name
        except Exception:  # noqa: BLE001 -- the record is broken: name it by its id
            return f"{record._description} #{record.id}"

    @api.model
    def _error_text(self, error):
        if isinstance(error, UserError | _NotTried):
            return error.args[0]
        return f"{type(error).__name__}: {error}"

    @api.model
    def _already_reported(self, target, subject):
        return bool(
            self.env["mail.message"]
            .sudo()
            .search_count(
                [
                    ("model", "=", target._name),
                    ("res_id", "=", target.id),
                    ("message_type", "=", "user_notification"),
                    ("subject", "=", subject),
                    (
                        "date",
                        ">=",
                        fields.Datetime.now() - timedelta(hours=REPORT_AGAIN_HOURS),
                    ),
                ],
                limit=1,
            )
        )
