package org.confidant.shared;

/**
 * Who did an audited action.
 *
 * @param kind a member, an API token, the system itself, a visitor, or someone not signed
 * in
 * @param id the member's, token's or contact's id; empty for the system and for anonymous
 * callers
 * @param label what a reader of the log recognises (a member's email, a token's name);
 * never a secret
 */
public record AuditActor(Kind kind, String id, String label) {

    public enum Kind {

        MEMBER, API_TOKEN, SYSTEM, VISITOR, ANONYMOUS

    }

    public AuditActor {
        id = id == null ? "" : id;
        label = label == null ? "" : label;
    }

    /** A member, labelled by the log itself (with the member's email). */
    public static AuditActor member(MemberId member) {
        return member(member, "");
    }

    public static AuditActor member(MemberId member, String label) {
        return new AuditActor(Kind.MEMBER, member.value().toString(), label);
    }

    public static AuditActor system() {
        return new AuditActor(Kind.SYSTEM, "", "system");
    }

    public static AuditActor anonymous() {
        return new AuditActor(Kind.ANONYMOUS, "", "");
    }
}
