package org.confidant.lifecycle.web;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.lifecycle.DataExport;
import org.confidant.lifecycle.ExportManagement;
import org.confidant.shared.Forbidden;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The exports page ({@code /app/privacy/exports}): a contact's export
 * ({@code contacts.export}) and the workspace's ({@code workspace.export}), each made by
 * a job; the member's own exports, each with a download link signed for them that works
 * for a few minutes, while the export lasts (24 hours).
 */
@Controller
class ExportController {

    private final ExportManagement exports;

    private final Clock clock;

    ExportController(ExportManagement exports, Clock clock) {
        this.exports = exports;
        this.clock = clock;
    }

    /**
     * One of the member's exports as the page lists it, with its link once it is ready.
     */
    record Row(ExportManagement.ExportStatus status, String link, String expires) {
    }

    @GetMapping("/app/privacy/exports")
    String page(Grants me, @RequestParam(defaultValue = "") String contact, Model model) {
        if (!me.has(Permission.CONTACTS_EXPORT) && !me.has(Permission.WORKSPACE_EXPORT)) {
            throw Forbidden.lacking(Permission.CONTACTS_EXPORT.key());
        }
        List<Row> rows = exports.mine(me).stream().map(status -> {
            boolean ready = status.ready(Timestamps.now(clock));
            String link = ready ? "/app/privacy/exports/" + status.export().id() + "/download?"
                    + exports.link(me, status.export().id().toString()) : null;
            return new Row(status, link, LifecycleController.format(status.export().expiresAt()));
        }).toList();
        model.addAttribute("exports", rows);
        model.addAttribute("contact", contact);
        return "lifecycle/exports";
    }

    @PostMapping("/app/privacy/exports/contact")
    String exportContact(Grants me, @RequestParam(defaultValue = "") String contact, Model model,
            HttpServletResponse response) {
        try {
            return "redirect:/app/jobs/" + exports.exportContact(me, contact).job().id();
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return page(me, contact, model);
        }
    }

    @PostMapping("/app/privacy/exports/workspace")
    String exportWorkspace(Grants me) {
        return "redirect:/app/jobs/" + exports.exportWorkspace(me).job().id();
    }

    /** The ZIP, streamed, through a link signed for this member. */
    @GetMapping("/app/privacy/exports/{id}/download")
    ResponseEntity<StreamingResponseBody> download(Grants me, @PathVariable String id,
            @RequestParam(defaultValue = "") String e, @RequestParam(defaultValue = "") String s) {
        DataExport export = exports.openLink(me, id, e, s);
        return ResponseEntity.ok()
            .header(HttpHeaders.CONTENT_TYPE, "application/zip")
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + ExportManagement.fileName(export) + "\"")
            .body(out -> exports.write(me, export, out));
    }

}
