package org.confidant.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.crypto.KeyAdministration;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.CrossWorkspace;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The workspace module's public API: creating workspaces, and the end of one. A workspace
 * is cancelled by an owner ({@link #cancel}, which the lifecycle module calls after its
 * own checks): inaccessible at once, undoable ({@link #restore}) until its grace period
 * ends, then shredded ({@link #shred}): every module deletes its rows, then its keys are
 * destroyed and the erasure ledger records it.
 */
@NamedInterface("api")
@Service
public class WorkspaceManagement {

    public static final int MAX_NAME_LENGTH = 120;

    /** The longest grace period a cancelled workspace may be given. */
    public static final Duration MAX_GRACE = Duration.ofDays(90);

    private final JdbcClient jdbc;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    private final KeyAdministration keys;

    WorkspaceManagement(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, KeyAdministration keys) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.keys = keys;
    }

    /** Creates a workspace; the name must be 1-120 characters after trimming. */
    @Transactional
    @CrossWorkspace("a new workspace is outside every existing one")
    public Workspace create(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("A workspace name has 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        Workspace workspace = new Workspace(WorkspaceId.random(), trimmed, Timestamps.now(clock));
        jdbc.sql("insert into workspace (id, name, created_at) values (?, ?, ?)")
            .params(workspace.id().value(), workspace.name(), Timestamps.toDatabase(workspace.createdAt()))
            .update();
        return workspace;
    }

    @Transactional(readOnly = true)
    public Optional<Workspace> find(WorkspaceId id) {
        return jdbc.sql("select id, name, created_at from workspace where id = ?")
            .param(id.value())
            .query((rs, n) -> new Workspace(new WorkspaceId(rs.getObject("id", UUID.class)), rs.getString("name"),
                    Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class))))
            .optional();
    }

    /**
     * How much of an IP address the workspace keeps (see {@link IpMode});
     * {@link IpMode#TRUNCATED} for an unknown workspace.
     */
    @Transactional(readOnly = true)
    public IpMode ipMode(WorkspaceId id) {
        return jdbc.sql("select ip_mode from workspace where id = ?")
            .param(id.value())
            .query(String.class)
            .optional()
            .map(IpMode::valueOf)
            .orElse(IpMode.TRUNCATED);
    }

    /**
     * What the workspace keeps of an address, by its {@link IpMode}: null, the network,
     * or the address.
     */
    @Transactional(readOnly = true)
    public String keptAddress(WorkspaceId id, String address) {
        return address == null ? null : ipMode(id).keep(address);
    }

    /**
     * Changes how much of an IP address the workspace keeps from now on; what was kept
     * before stays as it was. The privacy module authorises the change and announces it.
     * Returns whether anything changed.
     */
    @Transactional
    public boolean setIpMode(WorkspaceId id, IpMode mode) {
        return jdbc.sql("update workspace set ip_mode = ? where id = ? and ip_mode <> ?")
            .params(mode.name(), id.value(), mode.name())
            .update() > 0;
    }

    /**
     * Deletes the workspace and everything in it, then destroys its keys
     * (crypto-shredding), so that copies of its data in backups can never be read again.
     * The lifecycle does this ({@link #shred}) for cancelled workspaces at the end of
     * their grace period.
     */
    @Transactional
    public void delete(WorkspaceId id) {
        shred(id, "");
    }

    /**
     * Deletes the workspace and everything in it ({@link WorkspaceDeleted}: each module
     * deletes its rows in this transaction), and after the commit destroys its keys,
     * recording that in the erasure ledger with the receipt's id, then publishes
     * {@link WorkspaceShredded}.
     */
    @Transactional
    public void shred(WorkspaceId id, String receipt) {
        if (find(id).isEmpty()) {
            throw new NotFound("workspace");
        }
        events.publishEvent(new WorkspaceDeleted(id));
        jdbc.sql("delete from workspace where id = ?").param(id.value()).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                keys.shred(id, receipt);
                events.publishEvent(new WorkspaceShredded(id, receipt));
            }
        });
    }

    /** The workspace's cancellation; empty while it is not cancelled (or unknown). */
    @Transactional(readOnly = true)
    public Optional<Cancellation> cancellation(WorkspaceId id) {
        return jdbc
            .sql("select cancelled_at, cancelled_by, shred_after, shred_warned_at from workspace where id = ? "
                    + "and cancelled_at is not null")
            .param(id.value())
            .query((rs, n) -> cancellation(rs))
            .optional();
    }

    /** Whether the workspace is cancelled: nothing in it may be read or reached. */
    @Transactional(readOnly = true)
    public boolean cancelled(WorkspaceId id) {
        return jdbc.sql("select count(*) from workspace where id = ? and cancelled_at is not null")
            .param(id.value())
            .query(Long.class)
            .single() > 0;
    }

    /**
     * Cancels the workspace on behalf of {@code by} (an owner, whom the caller has
     * authorised): {@link WorkspaceCancelled} ends its sessions, tokens and sockets in
     * this transaction; its keys go after {@code grace} unless an owner restores it.
     * @throws Rejected {@code workspace_cancelled} when it is cancelled already
     */
    @Transactional
    public Cancellation cancel(WorkspaceId id, MemberId by, Duration grace) {
        if (grace.isNegative() || grace.isZero() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("a grace period lasts at most " + MAX_GRACE.toDays() + " days");
        }
        Instant now = Timestamps.now(clock);
        Instant shredAfter = now.plus(grace);
        int cancelled = jdbc
            .sql("update workspace set cancelled_at = ?, cancelled_by = ?, shred_after = ?, shred_warned_at = null "
                    + "where id = ? and cancelled_at is null")
            .params(Timestamps.toDatabase(now), by.value(), Timestamps.toDatabase(shredAfter), id.value())
            .update();
        if (cancelled == 0) {
            throw new Rejected("workspace_cancelled", "This workspace is cancelled already.");
        }
        events.publishEvent(new WorkspaceCancelled(id, by, now, shredAfter));
        return new Cancellation(now, by, shredAfter, null);
    }

    /**
     * Undoes the cancellation on behalf of {@code by} (an owner, whom the caller has
     * authorised), while its grace period lasts.
     * @throws Rejected {@code not_cancelled} when it is not cancelled, or its grace
     * period is over
     */
    @Transactional
    public void restore(WorkspaceId id, MemberId by) {
        int restored = jdbc
            .sql("update workspace set cancelled_at = null, cancelled_by = null, shred_after = null, "
                    + "shred_warned_at = null where id = ? and cancelled_at is not null and shred_after > ?")
            .params(id.value(), Timestamps.toDatabase(Timestamps.now(clock)))
            .update();
        if (restored == 0) {
            throw new Rejected("not_cancelled", "This workspace is not cancelled, or it is too late to restore it.");
        }
        events.publishEvent(new WorkspaceRestored(id, by));
    }

    /**
     * Cancelled workspaces whose grace period ends at or before {@code until}, soonest
     * first.
     */
    @Transactional(readOnly = true)
    @CrossWorkspace("the lifecycle's sweeper looks for cancelled workspaces among all of them")
    public List<WorkspaceId> cancelledUntil(Instant until) {
        return jdbc
            .sql("select id from workspace where cancelled_at is not null and shred_after <= ? "
                    + "order by shred_after, id")
            .param(Timestamps.toDatabase(until))
            .query((rs, n) -> new WorkspaceId(rs.getObject("id", UUID.class)))
            .list();
    }

    /**
     * Records that the workspace's owners were told its end is near; false if that was
     * done already (or it is no longer cancelled).
     */
    @Transactional
    public boolean markWarned(WorkspaceId id, Instant at) {
        return jdbc
            .sql("update workspace set shred_warned_at = ? where id = ? and cancelled_at is not null "
                    + "and shred_warned_at is null")
            .params(Timestamps.toDatabase(at), id.value())
            .update() == 1;
    }

    /** Whether this deployment has been set up: false only on a fresh data folder. */
    @Transactional(readOnly = true)
    @CrossWorkspace("first start: is there any workspace yet")
    public boolean anyExists() {
        return jdbc.sql("select count(*) from workspace").query(Long.class).single() > 0;
    }

    private static Cancellation cancellation(ResultSet rs) throws SQLException {
        UUID by = rs.getObject("cancelled_by", UUID.class);
        return new Cancellation(Timestamps.fromDatabase(rs.getObject("cancelled_at", OffsetDateTime.class)),
                by == null ? null : new MemberId(by),
                Timestamps.fromDatabase(rs.getObject("shred_after", OffsetDateTime.class)),
                Timestamps.fromDatabase(rs.getObject("shred_warned_at", OffsetDateTime.class)));
    }

}
