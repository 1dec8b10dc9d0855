package org.confidant.api.web;

import java.io.IOException;

import org.confidant.api.ApiCaller;
import org.confidant.job.JobId;
import org.confidant.lifecycle.DataExport;
import org.confidant.lifecycle.ErasureManagement;
import org.confidant.lifecycle.ExportManagement;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletResponse;

/**
 * REST API, version 1: erasure and exports, with the permissions of the pages
 * ({@code contacts.erase}, {@code contacts.export}, {@code workspace.export}). Both run
 * as jobs: the answer names the job ({@code GET /api/v1/jobs/{id}} follows it), then the
 * erasure's signed receipt, or the export's ZIP (for the token's member only, while it
 * lasts), is fetched by its own call.
 */
@RestController
class ApiLifecycleController {

    private final ErasureManagement erasures;

    private final ExportManagement exports;

    ApiLifecycleController(ErasureManagement erasures, ExportManagement exports) {
        this.erasures = erasures;
        this.exports = exports;
    }

    /** What to erase: a contact, or every contact with an email address. */
    record ErasureRequest(String contactId, String email) {
    }

    record Queued(String jobId, String exportId) {
    }

    /**
     * What to export: a contact, or (with {@code workspace} true) the whole workspace.
     */
    record ExportRequest(String contactId, Boolean workspace) {
    }

    @PostMapping("/api/v1/erasures")
    ResponseEntity<Queued> erase(ApiCaller caller, @RequestBody ErasureRequest request) {
        boolean byContact = request.contactId() != null;
        if (byContact == (request.email() != null)) {
            throw new Rejected("bad_body", "Give either \"contactId\" or \"email\".");
        }
        JobId job = byContact ? erasures.eraseContact(caller.grants(), request.contactId())
                : erasures.eraseEmail(caller.grants(), request.email());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Queued(job.toString(), null));
    }

    /** The signed receipt, once the erasure is done (404 before, like an unknown job). */
    @GetMapping("/api/v1/erasures/{job}/receipt")
    ResponseEntity<String> receipt(ApiCaller caller, @PathVariable String job) {
        JobId id;
        try {
            id = JobId.of(job);
        }
        catch (IllegalArgumentException malformed) {
            throw new NotFound("erasure");
        }
        ErasureManagement.Receipt receipt = erasures.receipt(caller.grants(), id)
            .orElseThrow(() -> new NotFound("receipt"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(receipt.document());
    }

    @PostMapping("/api/v1/exports")
    ResponseEntity<Queued> export(ApiCaller caller, @RequestBody ExportRequest request) {
        boolean whole = Boolean.TRUE.equals(request.workspace());
        if (whole == (request.contactId() != null)) {
            throw new Rejected("bad_body", "Give either \"contactId\" or \"workspace\": true.");
        }
        ExportManagement.ExportStatus status = whole ? exports.exportWorkspace(caller.grants())
                : exports.exportContact(caller.grants(), request.contactId());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
            .body(new Queued(status.job().id().toString(), status.export().id().toString()));
    }

    /**
     * The export's ZIP, for the member who asked for it, once made and until it expires;
     * written on the request's own thread (the API's stateless authentication does not
     * carry over to an asynchronous dispatch).
     */
    @GetMapping("/api/v1/exports/{id}")
    void download(ApiCaller caller, @PathVariable String id, HttpServletResponse response) throws IOException {
        DataExport export = exports.openOwn(caller.grants(), id);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"" + ExportManagement.fileName(export) + "\"");
        exports.write(caller.grants(), export, response.getOutputStream());
    }

}
