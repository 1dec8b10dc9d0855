package org.confidant.audit;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.crypto.DeploymentSigning;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditOutcome;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit module's public API: reading a workspace's log (for members holding
 * {@link Permission#AUDIT_READ}), exporting it, verifying its chain; and, inside the
 * module, appending to it. Appends lock the workspace's chain head (so entries of one
 * workspace are written one at a time, in the transaction of the action they report) and
 * announce each entry as {@link AuditEntryRecorded} once it commits.
 *
 * <p>
 * <b>Tamper evidence.</b> Each workspace's entries carry a sequence number and an
 * HMAC-SHA256 over a canonical encoding of the entry and the previous hash, keyed by the
 * workspace's own key in the key vault (through {@link org.confidant.crypto.BlindIndex}),
 * so someone holding only the database cannot forge a chain. Appends lock the workspace's
 * chain head ({@code select ... for update}). {@link org.confidant.audit.AuditLog#verify}
 * (the audit page and {@code java -jar confidant.jar audit verify}) reports "intact" or
 * the first broken link.
 */
@NamedInterface("api")
@Service
public class AuditLog {

    /** The most entries a page shows. */
    public static final int PAGE_SIZE = 50;

    private static final int CHAIN_BATCH = 5_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditEntries entries;

    private final AuditChain chain;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    private final AuditSettings settings;

    private final DeploymentSigning signing;

    /** The shortest retention a workspace may choose for its log. */
    public static final Duration MIN_RETENTION = Duration.ofDays(365);

    AuditLog(AuditEntries entries, AuditChain chain, Clock clock, ApplicationEventPublisher events,
            AuditSettings settings, DeploymentSigning signing) {
        this.signing = signing;
        this.entries = entries;
        this.chain = chain;
        this.clock = clock;
        this.events = events;
        this.settings = settings;
    }

    /**
     * A page of the reader's workspace's log, newest first, below sequence {@code before}
     * (0: from the newest).
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> page(Grants reader, AuditFilter filter, long before) {
        reader.require(Permission.AUDIT_READ);
        return entries.page(reader.workspaceId(), filter, before <= 0 ? Long.MAX_VALUE : before, PAGE_SIZE);
    }

    /**
     * An export about to be streamed: the entries up to {@code upTo} match; there are
     * {@code entries} of them.
     */
    public record Export(long upTo, long entries) {
    }

    /**
     * Starts an export of the reader's log: refuses one larger than
     * {@code confidant.audit.export-limit} (the filters must narrow it) and records it as
     * {@code audit.exported} before a line is sent.
     */
    @Transactional
    public Export startExport(Grants reader, AuditFilter filter, String format) {
        reader.require(Permission.AUDIT_READ);
        long upTo = entries.head(reader.workspaceId()).map(AuditEntries.Head::lastSequence).orElse(0L);
        long count = entries.count(reader.workspaceId(), filter, upTo);
        if (count > settings.exportLimit()) {
            throw new Rejected("export_too_large", "This export would hold " + count + " entries; at most "
                    + settings.exportLimit() + " can be exported at once. Narrow the time range or the filters.");
        }
        events.publishEvent(
                new AuditExported(reader.workspaceId(), reader.memberId(), format, count, filter.asParameters()));
        return new Export(upTo, count);
    }

    /** The next batch of an export, oldest first, after sequence {@code after}. */
    @Transactional(readOnly = true)
    public List<AuditEntry> exportBatch(Grants reader, AuditFilter filter, Export export, long after, int size) {
        reader.require(Permission.AUDIT_READ);
        return entries.pageForward(reader.workspaceId(), filter, after, export.upTo(), size);
    }

    /** Verifies the reader's workspace's chain. */
    public ChainVerification verify(Grants reader) {
        reader.require(Permission.AUDIT_READ);
        return verify(reader.workspaceId());
    }

    /**
     * Walks the workspace's chain from its anchor: every sequence number in turn, each
     * entry's previous hash equal to the hash before it, each hash recomputed under the
     * workspace's key, and the last entry equal to the head.
     */
    public ChainVerification verify(WorkspaceId workspace) {
        AuditEntries.Head head = entries.head(workspace).orElse(null);
        if (head == null) {
            return new ChainVerification(true, 0, 0, "", HexFormat.of().formatHex(AuditChain.GENESIS));
        }
        long expected = head.anchorSequence() + 1;
        byte[] previous = head.anchorHash();
        if (head.anchorSequence() > 0 && !checkpointVouchesFor(workspace, head)) {
            return ChainVerification.broken(0, expected, "the chain starts after entry " + head.anchorSequence()
                    + " (retention), and no valid " + "checkpoint signed by this deployment vouches for that start");
        }
        long checked = 0;
        while (true) {
            List<AuditEntry> batch;
            try {
                batch = entries.chainAfter(workspace, expected - 1, CHAIN_BATCH);
            }
            catch (RuntimeException unreadable) {
                return ChainVerification.broken(checked, expected,
                        "an entry at or after this one cannot be read (" + unreadable.getClass().getSimpleName() + ")");
            }
            for (AuditEntry entry : batch) {
                if (entry.sequence() != expected) {
                    return ChainVerification.broken(checked, expected, "entry " + expected + " is missing (the next "
                            + "stored entry is " + entry.sequence() + ")");
                }
                if (!MessageDigest.isEqual(entry.prevHash(), previous)) {
                    return ChainVerification.broken(checked, expected, "it does not link to the entry before it");
                }
                if (!MessageDigest.isEqual(chain.hash(entry), entry.hash())) {
                    return ChainVerification.broken(checked, expected, "its content does not match its hash");
                }
                previous = entry.hash();
                expected++;
                checked++;
            }
            if (batch.size() < CHAIN_BATCH) {
                break;
            }
        }
        if (expected - 1 != head.lastSequence() || !MessageDigest.isEqual(previous, head.lastHash())) {
            return ChainVerification.broken(checked, expected,
                    "the log ends at entry " + (expected - 1) + " but its head says " + head.lastSequence());
        }
        return new ChainVerification(true, checked, 0, "", HexFormat.of().formatHex(previous));
    }

    /**
     * The workspace's entries after sequence {@code after}, oldest first, at most
     * {@code size}: for an export of the whole workspace, which its own module authorised
     * and records.
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> entriesAfter(WorkspaceId workspace, long after, int size) {
        return entries.chainAfter(workspace, after, size);
    }

    /** The workspaces that have a log. */
    public List<WorkspaceId> workspaces() {
        return entries.workspaces();
    }

    /**
     * Appends an entry (already through the privacy filter) to its workspace's chain, in
     * the current transaction or a new one, and announces it after the commit.
     */
    @Transactional
    void append(WorkspaceId workspace, AuditActor actor, AuditAction action, String target, AuditOutcome outcome,
            String sourceIp, String userAgent, Map<String, String> details) {
        String name = action.storedName();
        AuditEntries.Head head = entries.lockHead(workspace);
        AuditEntry entry = new AuditEntry(workspace, head.lastSequence() + 1, Timestamps.now(clock), actor, name,
                target, outcome, sourceIp, userAgent, JSON.writeValueAsString(details), head.lastHash(), null);
        AuditEntry sealed = new AuditEntry(entry.workspaceId(), entry.sequence(), entry.at(), actor, name, target,
                outcome, sourceIp, userAgent, entry.details(), entry.prevHash(), chain.hash(entry));
        entries.append(sealed);
        AuditEntryRecorded recorded = new AuditEntryRecorded(workspace, sealed.sequence(), sealed.at(), name, actor,
                target, outcome, Map.copyOf(details));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                events.publishEvent(recorded);
            }
        });
    }

    /**
     * Retention: removes the workspace's entries recorded before {@code cutoff}, leaving
     * a checkpoint signed with the deployment's key at the new start of the chain (so
     * that the rest still verifies, and a start moved by someone holding only the
     * database does not), and records that it did.
     */
    @Transactional
    long purge(WorkspaceId workspace, Instant cutoff) {
        entries.lockHead(workspace);
        Optional<AuditEntries.Anchor> anchor = entries.newestBefore(workspace, cutoff);
        if (anchor.isEmpty()) {
            return 0;
        }
        String checkpoint = signing.sign(checkpoint(workspace, anchor.get().sequence(), anchor.get().hash(), cutoff))
            .compact();
        long purged = entries.purge(workspace, anchor.get(), checkpoint);
        append(workspace, AuditActor.system(), AuditAction.AUDIT_RETENTION_PURGED, "", AuditOutcome.SUCCESS, "", "",
                Map.of("entries", Long.toString(purged), "before", cutoff.toString(), "retention",
                        retention(workspace).toString()));
        return purged;
    }

    /**
     * How long the workspace's log is kept: its own choice, or
     * {@code confidant.audit.retention}.
     */
    @Transactional(readOnly = true)
    public Duration retention(WorkspaceId workspace) {
        return entries.retentionDays(workspace).map(Duration::ofDays).orElse(settings.retention());
    }

    /** The workspace's own choice of how long its log is kept, if it made one. */
    @Transactional(readOnly = true)
    public Optional<Duration> ownRetention(WorkspaceId workspace) {
        return entries.retentionDays(workspace).map(Duration::ofDays);
    }

    /**
     * How long logs are kept where workspaces did not choose:
     * {@code confidant.audit.retention}.
     */
    public Duration defaultRetention() {
        return settings.retention();
    }

    /**
     * Sets how long the workspace's log is kept, at least {@link #MIN_RETENTION}; null
     * returns to the deployment's setting. The lifecycle module's retention page calls
     * this after authorising the member and records the change.
     */
    @Transactional
    public void changeRetention(WorkspaceId workspace, Integer days) {
        if (days != null && Duration.ofDays(days).compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("an audit log is kept at least " + MIN_RETENTION.toDays() + " days");
        }
        entries.setRetentionDays(workspace, days);
    }

    /** The statement a retention checkpoint signs. */
    private static String checkpoint(WorkspaceId workspace, long sequence, byte[] hash, Instant before) {
        return JSON.writeValueAsString(Map.of("type", "confidant.audit-checkpoint", "workspace", workspace.toString(),
                "sequence", sequence, "hash", HexFormat.of().formatHex(hash), "before", before.toString()));
    }

    private boolean checkpointVouchesFor(WorkspaceId workspace, AuditEntries.Head head) {
        if (head.anchorSignature() == null) {
            return false;
        }
        try {
            DeploymentSigning.SignedStatement statement = DeploymentSigning.SignedStatement
                .ofCompact(head.anchorSignature());
            if (!signing.verify(statement)) {
                return false;
            }
            JsonNode checkpoint = JSON.readTree(statement.payloadText());
            return "confidant.audit-checkpoint".equals(checkpoint.path("type").asString(""))
                    && workspace.toString().equals(checkpoint.path("workspace").asString(""))
                    && checkpoint.path("sequence").asLong(-1) == head.anchorSequence()
                    && HexFormat.of().formatHex(head.anchorHash()).equals(checkpoint.path("hash").asString(""));
        }
        catch (RuntimeException unreadable) {
            return false;
        }
    }

}
