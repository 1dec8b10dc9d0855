package org.confidant.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.confidant.shared.AccountId;
import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts and memberships, in SQL. */
@Repository
class Accounts {

    /** Current memberships, deactivated ones included. */
    private static final String MEMBER_COLUMNS = """
            select m.id, m.workspace_id, m.account_id, m.role, m.deactivated_at, a.display_name, a.email,
                   a.password_hash
              from member m join account a on a.id = m.account_id
             where m.removed_at is null
            """;

    /** Memberships that can be signed into: current and not deactivated. */
    private static final String ACTIVE_MEMBER_COLUMNS = MEMBER_COLUMNS + " and m.deactivated_at is null";

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

    /**
     * The account's membership in the workspace, current or removed, deactivated or not.
     */
    Optional<MembershipState> membership(WorkspaceId workspaceId, AccountId accountId) {
        return jdbc.sql("select id, removed_at, deactivated_at from member where workspace_id = ? and account_id = ?")
            .params(workspaceId.value(), accountId.value())
            .query((rs, n) -> new MembershipState(new MemberId(rs.getObject("id", UUID.class)),
                    rs.getObject("removed_at") != null, rs.getObject("deactivated_at") != null))
            .optional();
    }

    record MembershipState(MemberId id, boolean removed, boolean deactivated) {
    }

    /**
     * Brings a removed membership back, with the role of the invitation that readmits it.
     * An invitation is a fresh start, so a membership that was deactivated when it was
     * removed comes back active.
     */
    void readmit(WorkspaceId workspaceId, MemberId memberId, Role role) {
        jdbc.sql("""
                update member set removed_at = null, deactivated_at = null, role = ? where workspace_id = ? and id = ?
                """).params(role.name(), workspaceId.value(), memberId.value()).update();
    }

    void updateRole(WorkspaceId workspaceId, MemberId memberId, Role role) {
        jdbc.sql("update member set role = ? where workspace_id = ? and id = ? and removed_at is null")
            .params(role.name(), workspaceId.value(), memberId.value())
            .update();
    }

    /**
     * Ends a membership. The row stays, marked removed, because messages the member wrote
     * still name them as their author.
     */
    void markRemoved(WorkspaceId workspaceId, MemberId memberId, Instant now) {
        jdbc.sql("update member set removed_at = ? where workspace_id = ? and id = ? and removed_at is null")
            .params(Timestamps.toDatabase(now), workspaceId.value(), memberId.value())
            .update();
    }

    /**
     * Deactivates ({@code at} a time) or reactivates ({@code at} null) a current
     * membership; false if none.
     */
    boolean setDeactivated(WorkspaceId workspaceId, MemberId memberId, Instant at) {
        return jdbc.sql("update member set deactivated_at = ? where workspace_id = ? and id = ? and removed_at is null")
            .params(at == null ? null : Timestamps.toDatabase(at), workspaceId.value(), memberId.value())
            .update() == 1;
    }

    /**
     * How many active owners the workspace keeps besides {@code leaving}. Locks the
     * owners' rows first, so that two changes cannot both leave it without one, and
     * counts afresh once the lock is held (the second of two concurrent changes then sees
     * the first one's result).
     */
    long otherOwnersLocked(WorkspaceId workspaceId, MemberId leaving) {
        jdbc.sql("select id from member where workspace_id = ? and role = 'OWNER' and removed_at is null for update")
            .param(workspaceId.value())
            .query((rs, n) -> rs.getObject("id"))
            .list();
        return jdbc.sql("""
                select count(*) from member
                 where workspace_id = ? and role = 'OWNER' and removed_at is null and deactivated_at is null
                   and id <> ?
                """).params(workspaceId.value(), leaving.value()).query(Long.class).single();
    }

    Optional<String> passwordHash(AccountId id) {
        return jdbc.sql("select password_hash from account where id = ? for update")
            .param(id.value())
            .query(String.class)
            .optional();
    }

    /** False if another account took the email meanwhile (the unique constraint). */
    boolean updateEmail(AccountId id, String email) {
        try {
            return jdbc.sql("update account set email = ? where id = ?").params(email, id.value()).update() == 1;
        }
        catch (DuplicateKeyException taken) {
            return false;
        }
    }

    void updatePasswordHash(AccountId id, String passwordHash) {
        jdbc.sql("update account set password_hash = ? where id = ?").params(passwordHash, id.value()).update();
    }

    /**
     * Every active membership of the account, oldest first, as principals (without the
     * password hash).
     */
    List<MemberPrincipal> principalsOfAccount(AccountId accountId) {
        return jdbc.sql(ACTIVE_MEMBER_COLUMNS + " and m.account_id = ? order by m.created_at, m.id")
            .param(accountId.value())
            .query((rs, n) -> new MemberPrincipal(member(rs), null))
            .list();
    }

    /**
     * The account's first active membership that {@code admits}: the workspace a sign-in
     * lands in.
     */
    Optional<MemberPrincipal> findPrincipalByEmail(String email, Predicate<Member> admits) {
        return jdbc.sql(ACTIVE_MEMBER_COLUMNS + " and a.email = ? order by m.created_at, m.id")
            .param(email)
            .query((rs, n) -> new MemberPrincipal(member(rs), rs.getString("password_hash")))
            .list()
            .stream()
            .filter(principal -> admits.test(principal.member()))
            .findFirst();
    }

    Optional<Member> findMember(WorkspaceId workspaceId, MemberId memberId) {
        return jdbc.sql(MEMBER_COLUMNS + " and m.workspace_id = ? and m.id = ?")
            .params(workspaceId.value(), memberId.value())
            .query((rs, n) -> member(rs))
            .optional();
    }

    List<Member> listMembers(WorkspaceId workspaceId) {
        return jdbc.sql(MEMBER_COLUMNS + " and m.workspace_id = ? order by a.display_name, m.id")
            .param(workspaceId.value())
            .query((rs, n) -> member(rs))
            .list();
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(new MemberId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                new AccountId(rs.getObject("account_id", UUID.class)), Role.valueOf(rs.getString("role")),
                rs.getString("display_name"), rs.getString("email"), rs.getObject("deactivated_at") == null);
    }

}
