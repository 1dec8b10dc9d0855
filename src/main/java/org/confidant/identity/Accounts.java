package org.confidant.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.AccountId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts and memberships, in SQL. */
@Repository
class Accounts {

    private static final String MEMBER_COLUMNS = """
            select m.id, m.workspace_id, m.account_id, m.role, a.display_name, a.email, a.password_hash
              from member m join account a on a.id = m.account_id
            """;

    record StoredAccount(AccountId id, String email, String passwordHash) {
    }

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredAccount> findByEmail(String email) {
        return jdbc.sql("select id, email, password_hash from account where email = ?")
                .param(email)
                .query((rs, n) -> new StoredAccount(new AccountId(rs.getObject("id", UUID.class)), rs.getString("email"),
                        rs.getString("password_hash")))
                .optional();
    }

    void insertAccount(AccountId id, String email, String displayName, String passwordHash, Instant now) {
        jdbc.sql("""
                insert into account (id, email, display_name, password_hash, created_at) values (?, ?, ?, ?, ?)
                """).params(id.value(), email, displayName, passwordHash, Timestamps.toDatabase(now)).update();
    }

    void insertMember(MemberId id, WorkspaceId workspaceId, AccountId accountId, Role role, Instant now) {
        jdbc.sql("insert into member (id, workspace_id, account_id, role, created_at) values (?, ?, ?, ?, ?)")
                .params(id.value(), workspaceId.value(), accountId.value(), role.name(), Timestamps.toDatabase(now))
                .update();
    }

    boolean isMember(WorkspaceId workspaceId, AccountId accountId) {
        return jdbc.sql("select count(*) from member where workspace_id = ? and account_id = ?")
                .params(workspaceId.value(), accountId.value()).query(Long.class).single() > 0;
    }

    /** The account's first membership: the workspace a sign-in lands in. */
    Optional<MemberPrincipal> findPrincipalByEmail(String email) {
        return jdbc.sql(MEMBER_COLUMNS + " where a.email = ? order by m.created_at, m.id")
                .param(email)
                .query((rs, n) -> new MemberPrincipal(member(rs), rs.getString("password_hash")))
                .stream().findFirst();
    }

    Optional<Member> findMember(WorkspaceId workspaceId, MemberId memberId) {
        return jdbc.sql(MEMBER_COLUMNS + " where m.workspace_id = ? and m.id = ?")
                .params(workspaceId.value(), memberId.value())
                .query((rs, n) -> member(rs))
                .optional();
    }

    List<Member> listMembers(WorkspaceId workspaceId) {
        return jdbc.sql(MEMBER_COLUMNS + " where m.workspace_id = ? order by a.display_name, m.id")
                .param(workspaceId.value())
                .query((rs, n) -> member(rs))
                .list();
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(new MemberId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new AccountId(rs.getObject("account_id", UUID.class)), Role.valueOf(rs.getString("role")),
                rs.getString("display_name"), rs.getString("email"));
    }
}
