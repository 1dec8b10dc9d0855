package org.confidant.lifecycle.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.job.JobManagement;
import org.confidant.lifecycle.LegalHold;
import org.confidant.lifecycle.LegalHoldManagement;
import org.confidant.lifecycle.RetentionManagement;
import org.confidant.lifecycle.RetentionPolicy;
import org.confidant.shared.Forbidden;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "Privacy" section's index ({@code /app/privacy}) and its "Data lifecycle" page
 * ({@code /app/privacy/lifecycle}): the retention policies of the workspace and its
 * inboxes (a change that lets anything go sooner shows what the purge would delete now
 * and asks for the workspace's name), when the purge last ran and runs next, what its
 * runs deleted, and the legal holds.
 */
@Controller
class LifecycleController {

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    private final RetentionManagement retention;

    private final LegalHoldManagement holds;

    private final InboxManagement inboxes;

    LifecycleController(RetentionManagement retention, LegalHoldManagement holds, InboxManagement inboxes) {
        this.retention = retention;
        this.holds = holds;
        this.inboxes = inboxes;
    }

    @GetMapping("/app/privacy")
    String index(Grants me) {
        if (!me.has(Permission.PRIVACY_MANAGE) && !me.has(Permission.RETENTION_MANAGE)
                && !me.has(Permission.LEGAL_HOLDS_MANAGE) && !me.has(Permission.CONTACTS_ERASE)
                && !me.has(Permission.CONTACTS_EXPORT) && !me.has(Permission.WORKSPACE_EXPORT)) {
            throw Forbidden.lacking(Permission.RETENTION_MANAGE.key());
        }
        return "lifecycle/privacy";
    }

    @GetMapping("/app/privacy/lifecycle")
    String page(Grants me, Model model) {
        return page(me, model, null);
    }

    /**
     * Sets the workspace's policy (no {@code inbox}), an inbox's own, or makes an inbox
     * follow the workspace's again ({@code follow}). Empty windows keep for ever.
     */
    @PostMapping("/app/privacy/lifecycle/policy")
    String change(Grants me, @RequestParam(defaultValue = "") String inbox,
            @RequestParam(defaultValue = "") String resolved, @RequestParam(defaultValue = "") String inactive,
            @RequestParam(defaultValue = "") String attachments, @RequestParam(defaultValue = "") String contacts,
            @RequestParam(defaultValue = "") String audit, @RequestParam(defaultValue = "false") boolean follow,
            @RequestParam(required = false) String confirmation, Model model, HttpServletResponse response) {
        try {
            InboxId inboxId = inbox.isBlank() ? null : inboxId(inbox);
            RetentionPolicy policy = follow && inboxId != null ? null
                    : new RetentionPolicy(RetentionPolicy.days("resolved", resolved),
                            RetentionPolicy.days("inactive", inactive),
                            RetentionPolicy.days("attachments", attachments),
                            RetentionPolicy.days("contacts", contacts), RetentionPolicy.days("audit", audit));
            RetentionManagement.Change change = retention.change(me, inboxId, policy, confirmation);
            if (change.saved()) {
                return "redirect:/app/privacy/lifecycle?saved";
            }
            model.addAttribute("pending", new Pending(inbox, resolved, inactive, attachments, contacts, audit, follow,
                    change.preview(), change.phrase()));
            return page(me, model, null);
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(me, model, rejected.getMessage());
        }
    }

    /**
     * A change waiting for its confirmation: what was asked for, and what it would delete
     * now.
     */
    record Pending(String inbox, String resolved, String inactive, String attachments, String contacts, String audit,
            boolean follow, RetentionManagement.Preview preview, String phrase) {
    }

    @PostMapping("/app/privacy/holds")
    String place(Grants me, @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String id) {
        holds.place(me, kind(kind), id);
        return "redirect:/app/privacy/lifecycle?held#holds";
    }

    @PostMapping("/app/privacy/holds/release")
    String release(Grants me, @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String id) {
        holds.release(me, kind(kind), id);
        return "redirect:/app/privacy/lifecycle?released#holds";
    }

    private String page(Grants me, Model model, String error) {
        boolean managesRetention = me.has(Permission.RETENTION_MANAGE);
        boolean managesHolds = me.has(Permission.LEGAL_HOLDS_MANAGE);
        if (!managesRetention && !managesHolds) {
            throw Forbidden.lacking(Permission.RETENTION_MANAGE.key());
        }
        model.addAttribute("error", error);
        List<Inbox> all = inboxes.list(me.workspaceId());
        model.addAttribute("inboxes", all);
        if (managesRetention) {
            RetentionManagement.Policies policies = retention.policies(me);
            model.addAttribute("policies", policies);
            model.addAttribute("inboxPolicies",
                    all.stream()
                        .filter(i -> policies.inboxes().containsKey(i.id()))
                        .map(i -> Map.entry(i, policies.inboxes().get(i.id())))
                        .toList());
            model.addAttribute("due", retention.due(me));
            model.addAttribute("runs", retention.recentRuns(me));
            JobManagement.RecurringStatus schedule = retention.purgeSchedule();
            model.addAttribute("lastRun", format(schedule.lastRun()));
            model.addAttribute("nextRun", format(schedule.nextRun()));
        }
        if (managesHolds) {
            model.addAttribute("holds", holds.list(me));
        }
        return "lifecycle/lifecycle";
    }

    static String format(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }

    private InboxId inboxId(String text) {
        try {
            return InboxId.of(text.strip());
        }
        catch (IllegalArgumentException malformed) {
            throw new Rejected("unknown_inbox", "The field \"inbox\" names no inbox of this workspace.");
        }
    }

    private static LegalHold.Kind kind(String kind) {
        return LegalHold.Kind.ofCode(kind.strip().toLowerCase(Locale.ROOT))
            .orElseThrow(() -> new NotFound("legal_hold"));
    }

}
