package org.confidant.sso;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.confidant.identity.Role;
import org.confidant.shared.AccountId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Providers and external identities, in SQL. */
@Repository
class SsoProviders {

    private static final String PROVIDER_COLUMNS = "select id, workspace_id, issuer, client_id, default_role, sso_required from sso_provider";

    private final JdbcClient jdbc;

    SsoProviders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SsoProvider> providerOf(WorkspaceId workspaceId) {
        return jdbc.sql(PROVIDER_COLUMNS + " where workspace_id = ?")
            .param(workspaceId.value())
            .query((rs, n) -> provider(rs))
            .optional();
    }

    Optional<SsoProvider> provider(UUID id) {
        return jdbc.sql(PROVIDER_COLUMNS + " where id = ?").param(id).query((rs, n) -> provider(rs)).optional();
    }

    Optional<byte[]> clientSecret(UUID id) {
        return jdbc.sql("select client_secret from sso_provider where id = ?").param(id).query(byte[].class).optional();
    }

    void insertProvider(SsoProvider provider, byte[] clientSecret, Instant now) {
        jdbc.sql("""
                insert into sso_provider (id, workspace_id, issuer, client_id, client_secret, default_role,
                                          sso_required, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            .params(provider.id(), provider.workspaceId().value(), provider.issuer(), provider.clientId(), clientSecret,
                    provider.defaultRole().name(), provider.ssoRequired(), Timestamps.toDatabase(now))
            .update();
    }

    void updateProvider(SsoProvider provider, byte[] clientSecret) {
        jdbc.sql("""
                update sso_provider set issuer = ?, client_id = ?, client_secret = ?, default_role = ?
                 where workspace_id = ? and id = ?
                """)
            .params(provider.issuer(), provider.clientId(), clientSecret, provider.defaultRole().name(),
                    provider.workspaceId().value(), provider.id())
            .update();
    }

    void updateRequired(WorkspaceId workspaceId, UUID id, boolean required) {
        jdbc.sql("update sso_provider set sso_required = ? where workspace_id = ? and id = ?")
            .params(required, workspaceId.value(), id)
            .update();
    }

    void deleteProviders(WorkspaceId workspaceId) {
        jdbc.sql("delete from sso_provider where workspace_id = ?").param(workspaceId.value()).update();
    }

    Optional<AccountId> accountOfIdentity(String issuer, String subject) {
        return jdbc.sql("select account_id from sso_identity where issuer = ? and subject = ?")
            .params(issuer, subject)
            .query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
            .optional();
    }

    void insertIdentity(String issuer, String subject, AccountId accountId, Instant now) {
        jdbc.sql("insert into sso_identity (id, issuer, subject, account_id, created_at) values (?, ?, ?, ?, ?)")
            .params(UUID.randomUUID(), issuer, subject, accountId.value(), Timestamps.toDatabase(now))
            .update();
    }

    private static SsoProvider provider(ResultSet rs) throws SQLException {
        return new SsoProvider(rs.getObject("id", UUID.class),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("issuer"),
                rs.getString("client_id"), Role.valueOf(rs.getString("default_role")), rs.getBoolean("sso_required"));
    }

}
