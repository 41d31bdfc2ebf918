# Copyright 2026 Production Coordination Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

from odoo import models
from odoo.tools.pdf import OdooPdfFileWriter, PdfFileReader


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """Give the coordination PDFs their title in the document properties.

        wkhtmltopdf leaves the PDF title empty (Odoo's layout has no ``<title>``), so
        viewers show "Untitled"; the reports of this product and of the addons built on it
        (report names starting with ``production_coordination``) carry the report's name."""
        content, kind = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        if kind == "pdf" and (report.report_name or "").startswith("production_coordination"):
            content = self._coordination_pdf_with_title(content, report.name)
        return content, kind

    def _coordination_pdf_with_title(self, content, title):
        writer = OdooPdfFileWriter()
        writer.cloneReaderDocumentRoot(PdfFileReader(io.BytesIO(content), strict=False))
        writer.addMetadata({"/Title": title})
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
