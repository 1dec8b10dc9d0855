package org.confidant.workspace;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.confidant.crypto.KeyAdministration;
import org.confidant.shared.NotFound;
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

/** The workspace module's public API. */
@NamedInterface("api")
@Service
public class WorkspaceManagement {

    public static final int MAX_NAME_LENGTH = 120;

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
     * (crypto-shredding) as the final step, so that copies of its data in backups can
     * never be read again. The privacy lifecycle schedules this for cancelled workspaces.
     */
    @Transactional
    public void delete(WorkspaceId id) {
        if (find(id).isEmpty()) {
            throw new NotFound("workspace");
        }
        events.publishEvent(new WorkspaceDeleted(id));
        jdbc.sql("delete from workspace where id = ?").param(id.value()).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                keys.shred(id);
            }
        });
    }

    /** Whether this deployment has been set up: false only on a fresh data folder. */
    @Transactional(readOnly = true)
    @CrossWorkspace("first start: is there any workspace yet")
    public boolean anyExists() {
        return jdbc.sql("select count(*) from workspace").query(Long.class).single() > 0;
    }

}
