package org.confidant.lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.crypto.Signatures;
import org.confidant.job.Job;
import org.confidant.job.JobId;
import org.confidant.job.JobManagement;
import org.confidant.job.JobState;
import org.confidant.shared.ContactId;
import org.confidant.shared.Ids;
import org.confidant.shared.NotFound;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports: of one contact ({@link Permission#CONTACTS_EXPORT}: one ZIP with
 * {@code contact.json} in the documented format, a readable {@code transcript.html} and
 * the files) and of the whole workspace ({@link Permission#WORKSPACE_EXPORT}: JSON Lines
 * of everything, the files and the audit log), each made by a job with progress and kept
 * encrypted until it expires, 24 hours after it was made. Only its requester downloads
 * it, through a link signed for them that lasts minutes; each export made and each
 * download is recorded ({@link ExportMade}, {@link ExportDownloaded}). The ZIP is
 * streamed from the stored parts, one at a time, in constant memory.
 */
@NamedInterface("api")
@Service
public class ExportManagement {

    /** How many of a member's exports the page lists. */
    public static final int RECENT = 20;

    private static final String LINK_PURPOSE = "lifecycle.export";

    private final DataExports exports;

    private final ExportFiles files;

    private final JobManagement jobs;

    private final ContactManagement contacts;

    private final Signatures signatures;

    private final LifecycleSettings settings;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ExportManagement(DataExports exports, ExportFiles files, JobManagement jobs, ContactManagement contacts,
            Signatures signatures, LifecycleSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.exports = exports;
        this.files = files;
        this.jobs = jobs;
        this.contacts = contacts;
        this.signatures = signatures;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** An export with its job, as the page and the API show it. */
    public record ExportStatus(DataExport export, Job job) {

        public boolean ready(Instant now) {
            return job.state() == JobState.SUCCEEDED && now.isBefore(export.expiresAt());
        }
    }

    /**
     * Queues the export of a contact of the actor's workspace.
     * @throws NotFound for an id that is malformed, unknown or of another workspace
     */
    @Transactional
    public ExportStatus exportContact(Grants actor, String contactId) {
        ContactId contact = contacts.existing(actor.workspaceId(), contactId);
        actor.require(Permission.CONTACTS_EXPORT);
        return queue(actor, DataExport.Kind.CONTACT, contact, ContactExportJob.NAME);
    }

    /** Queues the export of the actor's whole workspace. */
    @Transactional
    public ExportStatus exportWorkspace(Grants actor) {
        actor.require(Permission.WORKSPACE_EXPORT);
        return queue(actor, DataExport.Kind.WORKSPACE, null, WorkspaceExportJob.NAME);
    }

    private ExportStatus queue(Grants actor, DataExport.Kind kind, ContactId contact, String jobKind) {
        UUID id = UUID.randomUUID();
        JobId job = jobs.submit(actor, jobKind, id.toString());
        Instant now = Timestamps.now(clock);
        DataExport export = new DataExport(id, actor.workspaceId(), job, kind, contact, actor.memberId(), now,
                now.plus(settings.exportLifetime()));
        exports.insert(export);
        return new ExportStatus(export, jobs.find(actor, job).orElseThrow());
    }

    /** The member's own exports that have not expired, newest first. */
    @Transactional(readOnly = true)
    public List<ExportStatus> mine(Grants viewer) {
        return exports.of(viewer.workspaceId(), viewer.memberId(), RECENT)
            .stream()
            .flatMap(export -> jobs.find(viewer, export.jobId()).map(job -> new ExportStatus(export, job)).stream())
            .toList();
    }

    /** The export of one of the viewer's jobs, when the viewer asked for it. */
    @Transactional(readOnly = true)
    public Optional<ExportStatus> ofJob(Grants viewer, JobId job) {
        return exports.ofJob(viewer.workspaceId(), job)
            .filter(export -> export.requestedBy().equals(viewer.memberId()))
            .flatMap(export -> jobs.find(viewer, job).map(found -> new ExportStatus(export, found)));
    }

    /**
     * A download link for the viewer's own ready export: its query part
     * ({@code e=<expiry>&s=<signature>}), signed for this member and export, lasting
     * {@code confidant.lifecycle.export-link-lifetime}.
     * @throws NotFound when it is not the viewer's, not ready, or expired
     */
    @Transactional(readOnly = true)
    public String link(Grants viewer, String exportId) {
        ExportStatus status = ready(viewer, exportId);
        long expires = Timestamps.now(clock).plus(settings.exportLinkLifetime()).getEpochSecond();
        byte[] signature = signatures.sign(viewer.workspaceId(), LINK_PURPOSE,
                statement(status.export().id(), viewer, expires));
        return "e=" + expires + "&s=" + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /**
     * Checks a download link presented by the viewer.
     * @throws NotFound for a link that is not the viewer's, expired or tampered with, and
     * an export that is not ready or expired
     */
    @Transactional(readOnly = true)
    public DataExport openLink(Grants viewer, String exportId, String expires, String signature) {
        ExportStatus status = ready(viewer, exportId);
        try {
            long until = Long.parseLong(expires);
            byte[] presented = Base64.getUrlDecoder().decode(signature == null ? "" : signature);
            if (Timestamps.now(clock).getEpochSecond() >= until || !signatures.verify(viewer.workspaceId(),
                    LINK_PURPOSE, statement(status.export().id(), viewer, until), presented)) {
                throw new NotFound("export");
            }
        }
        catch (IllegalArgumentException malformed) {
            throw new NotFound("export");
        }
        return status.export();
    }

    /**
     * The viewer's ready export (for the API, whose bearer token stands for the link).
     * @throws NotFound when it is not the viewer's, not ready, or expired
     */
    @Transactional(readOnly = true)
    public DataExport openOwn(Grants viewer, String exportId) {
        return ready(viewer, exportId).export();
    }

    /** The file name a download is offered under. */
    public static String fileName(DataExport export) {
        return "confidant-" + export.kind().code() + "-export-" + export.id() + ".zip";
    }

    /**
     * Streams the export as one ZIP to {@code out}, a part at a time, and records the
     * download.
     */
    public void write(Grants viewer, DataExport export, OutputStream out) {
        WorkspaceId workspace = viewer.workspaceId();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            if (export.kind() == DataExport.Kind.CONTACT) {
                entry(zip, "contact.json");
                zip.write(files.read(workspace, export.id(), "head"));
                joined(zip, workspace, export.id(), "conversation-", ",");
                zip.write("]}\n".getBytes(StandardCharsets.UTF_8));
                entry(zip, "transcript.html");
                zip.write(files.read(workspace, export.id(), "transcript-head"));
                joined(zip, workspace, export.id(), "html-", "");
                zip.write(ExportWriting.transcriptTail().getBytes(StandardCharsets.UTF_8));
            }
            else {
                entry(zip, "workspace.json");
                zip.write(files.read(workspace, export.id(), "workspace"));
                for (String section : List.of("contacts", "conversations", "messages", "files", "audit")) {
                    entry(zip, section + ".jsonl");
                    joined(zip, workspace, export.id(), section + "-", "");
                }
                entry(zip, "manifest.json");
                zip.write(files.read(workspace, export.id(), "manifest"));
            }
            for (String file : files.names(workspace, export.id(), "file-")) {
                entry(zip, "attachments/" + file.substring("file-".length()));
                zip.write(files.read(workspace, export.id(), file));
            }
            zip.closeEntry();
        }
        catch (IOException e) {
            throw new UncheckedIOException("the download of export " + export.id() + " broke off", e);
        }
        events.publishEvent(new ExportDownloaded(workspace, viewer.memberId(), export));
    }

    private void joined(ZipOutputStream zip, WorkspaceId workspace, UUID export, String prefix, String separator)
            throws IOException {
        boolean first = true;
        for (String part : files.names(workspace, export, prefix)) {
            if (!first) {
                zip.write(separator.getBytes(StandardCharsets.UTF_8));
            }
            zip.write(files.read(workspace, export, part));
            first = false;
        }
    }

    private static void entry(ZipOutputStream zip, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
    }

    private ExportStatus ready(Grants viewer, String exportId) {
        UUID id;
        try {
            id = Ids.parse(exportId);
        }
        catch (IllegalArgumentException malformed) {
            throw new NotFound("export");
        }
        return exports.find(viewer.workspaceId(), id)
            .filter(export -> export.requestedBy().equals(viewer.memberId()))
            .flatMap(export -> jobs.find(viewer, export.jobId()).map(job -> new ExportStatus(export, job)))
            .filter(status -> status.ready(Timestamps.now(clock)))
            .orElseThrow(() -> new NotFound("export"));
    }

    private static String statement(UUID export, Grants viewer, long expires) {
        return export + "|" + viewer.memberId() + "|" + expires;
    }

    /** Deletes an expired export's parts and row (the expiry sweeper). */
    void expire(DataExport export) {
        files.delete(export.workspaceId(), export.id());
        exports.delete(export.workspaceId(), export.id());
    }

}
