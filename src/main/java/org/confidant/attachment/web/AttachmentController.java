package org.confidant.attachment.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.confidant.access.Grants;
import org.confidant.attachment.Attachment;
import org.confidant.attachment.AttachmentId;
import org.confidant.attachment.AttachmentLink;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.attachment.Download;
import org.confidant.identity.MemberPrincipal;
import org.confidant.ratelimit.RateLimit;
import org.confidant.ratelimit.RateLimits;
import org.confidant.shared.ConversationId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.confidant.tenancy.Tenancy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Attachments over HTTP. Uploads are the raw bytes of one file as the request body (any
 * declared type is ignored), its name in the {@code name} query parameter. The widget's
 * routes authenticate the visitor by the {@value #VISITOR_TOKEN} header (the token never
 * goes in a URL); the dashboard's by the session, with the CSRF token in the
 * {@code X-CSRF-TOKEN} header. Downloads go through signed links only, as attachments
 * that a browser neither renders nor sniffs.
 */
@RestController
class AttachmentController {

    static final String VISITOR_TOKEN = "X-Visitor-Token";

    /**
     * A downloaded file is never a page: no script, no plugin, no same-origin powers even
     * if opened in place.
     */
    static final String DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

    private final AttachmentManagement attachments;

    private final VisitorSessions visitorSessions;

    private final RateLimits rateLimits;

    AttachmentController(AttachmentManagement attachments, VisitorSessions visitorSessions, RateLimits rateLimits) {
        this.attachments = attachments;
        this.visitorSessions = visitorSessions;
        this.rateLimits = rateLimits;
    }

    /**
     * Uploaded file, as the uploader sees it; the message carrying it reaches every
     * viewer through the sockets.
     */
    record Uploaded(String id, String conversation, String name, String type, long size) {

        static Uploaded of(Attachment a) {
            return new Uploaded(a.id().toString(), a.conversationId().toString(), a.fileName(), a.contentType(),
                    a.size());
        }
    }

    @PostMapping("/widget/attachments")
    Uploaded visitorUpload(@RequestHeader(name = VISITOR_TOKEN, required = false) String token,
            @RequestParam(required = false) String name, HttpServletRequest request) throws IOException {
        VisitorSession visitor = visitor(token);
        rateLimits.spend(RateLimit.UPLOADS_PER_VISITOR, visitor.contactId().toString());
        return Tenancy.run(visitor.workspaceId(), () -> {
            try {
                return Uploaded.of(attachments.uploadFromVisitor(visitor, name, request.getInputStream()));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @PostMapping("/widget/attachments/{id}/link")
    AttachmentLink visitorLink(@RequestHeader(name = VISITOR_TOKEN, required = false) String token,
            @PathVariable String id) {
        VisitorSession visitor = visitor(token);
        return Tenancy.run(visitor.workspaceId(), () -> attachments.linkForVisitor(visitor, attachmentId(id)));
    }

    @PostMapping("/app/conversations/{id}/attachments")
    Uploaded agentUpload(Grants me, @PathVariable String id, @RequestParam(required = false) String name,
            HttpServletRequest request) throws IOException {
        ConversationId conversation;
        try {
            conversation = ConversationId.of(id);
        }
        catch (IllegalArgumentException e) {
            throw new NotFound("conversation");
        }
        return Uploaded.of(attachments.uploadFromAgent(me, conversation, name, request.getInputStream()));
    }

    /**
     * A link from the dashboard: the member's fresh signed link, by redirect, so the page
     * holds no signed URL.
     */
    @GetMapping("/app/attachments/{id}/download")
    ResponseEntity<Void> agentDownload(Grants me, @PathVariable String id) {
        AttachmentLink link = attachments.linkForAgent(me, attachmentId(id));
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, link.url()).build();
    }

    @PostMapping("/app/attachments/{id}/delete")
    ResponseEntity<Void> delete(Grants me, @PathVariable String id) {
        Attachment deleted = attachments.delete(me, attachmentId(id));
        return ResponseEntity.status(HttpStatus.FOUND)
            .header(HttpHeaders.LOCATION, "/app/conversations/" + deleted.conversationId())
            .build();
    }

    @GetMapping("/attachments/{id}")
    ResponseEntity<byte[]> download(@PathVariable String id, @RequestParam(required = false) String w,
            @RequestParam(required = false) String v, @RequestParam(required = false) String e,
            @RequestParam(required = false) String s) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        AttachmentManagement.SignedInMember member = authentication != null
                && authentication.getPrincipal() instanceof MemberPrincipal principal
                        ? new AttachmentManagement.SignedInMember(principal.workspaceId(), principal.memberId()) : null;
        // the link names its workspace; its signature, checked under that workspace's
        // key, decides
        Download download = Tenancy.system("a signed download link names its own workspace",
                () -> attachments.open(id, w, v, e, s, member));
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(download.contentType()))
            .header(HttpHeaders.CONTENT_DISPOSITION, DownloadNames.contentDisposition(download.fileName()))
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", DOWNLOAD_CSP)
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(download.content());
    }

    /** Refusals as problems; a file over the size cap is a 413. */
    @ExceptionHandler(Rejected.class)
    ResponseEntity<ProblemDetail> rejected(Rejected rejected) {
        HttpStatus status = rejected.code().equals("attachment_too_large") ? HttpStatus.CONTENT_TOO_LARGE
                : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, rejected.getMessage());
        problem.setTitle("File refused");
        problem.setProperties(Map.of("code", rejected.code()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The visitor of a live token; without one, there is nothing here for the caller. */
    private VisitorSession visitor(String token) {
        return visitorSessions.find(token).orElseThrow(() -> new NotFound("visitor session"));
    }

    private static AttachmentId attachmentId(String id) {
        try {
            return AttachmentId.of(id);
        }
        catch (IllegalArgumentException e) {
            throw new NotFound("attachment");
        }
    }

}
