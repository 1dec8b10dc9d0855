package org.confidant.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.confidant.crypto.BlindIndex;
import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.privacy.ConsentManagement;
import org.confidant.privacy.ConsentWithdrawn;
import org.confidant.privacy.Redaction;
import org.confidant.privacy.Redactor;
import org.confidant.shared.AuditActor;
import org.confidant.shared.ContactId;
import org.confidant.shared.Ids;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.WorkspaceManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contact module's public API. Every personal field is encrypted under the
 * workspace's data key and bound to its row; the email is also kept as a blind index, so
 * a contact can be found by exact email without storing it in clear.
 */
@NamedInterface("api")
@Service
public class ContactManagement {

    static final EncryptedColumn NAME = new EncryptedColumn("contact", "display_name");
    static final EncryptedColumn EMAIL = new EncryptedColumn("contact", "email");
    static final EncryptedColumn PHONE = new EncryptedColumn("contact", "phone");
    static final EncryptedColumn IP_ADDRESS = new EncryptedColumn("contact", "ip_address");
    static final String EMAIL_INDEX = "contact.email";
    static final String SUBJECT_INDEX = "contact.verified_subject";

    private static final int MAX_NAME_LENGTH = 120;

    private static final Pattern EMAIL_FORMAT = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{2,63}");

    private static final Pattern PHONE_FORMAT = Pattern.compile("\\+?[0-9 ()./-]{3,32}");

    private static final String COLUMNS = """
            select id, workspace_id, inbox_id, display_name, email, phone, ip_address, created_at from contact
            """;

    private final JdbcClient jdbc;

    private final FieldEncryption encryption;

    private final BlindIndex blindIndex;

    private final Redactor redactor;

    private final ConsentManagement consents;

    private final WorkspaceManagement workspaces;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ContactManagement(JdbcClient jdbc, FieldEncryption encryption, BlindIndex blindIndex, Redactor redactor,
            ConsentManagement consents, WorkspaceManagement workspaces, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.blindIndex = blindIndex;
        this.redactor = redactor;
        this.consents = consents;
        this.workspaces = workspaces;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A new anonymous visitor of the inbox, named "Visitor" and a short tag agents can
     * tell apart, with what the workspace keeps ({@link org.confidant.workspace.IpMode})
     * of the address the visitor came from (may be null).
     */
    @Transactional
    public Contact createVisitor(WorkspaceId workspaceId, InboxId inboxId, String ipAddress) {
        ContactId id = ContactId.random();
        String name = "Visitor " + id.value().toString().substring(0, 4).toUpperCase(Locale.ROOT);
        String kept = workspaces.keptAddress(workspaceId, ipAddress);
        Contact contact = new Contact(id, workspaceId, inboxId, name, null, null, kept, Timestamps.now(clock));
        jdbc.sql("""
                insert into contact (id, workspace_id, inbox_id, display_name, ip_address, created_at)
                values (?, ?, ?, ?, ?, ?)
                """)
            .params(id.value(), workspaceId.value(), inboxId.value(), encryption.encrypt(workspaceId, NAME, id, name),
                    encryption.encryptOrNull(workspaceId, IP_ADDRESS, id, kept),
                    Timestamps.toDatabase(contact.createdAt()))
            .update();
        return contact;
    }

    /**
     * The contact a verified identity stands for in the inbox: found by the subject's
     * blind index, or created, with the signed name and email (an email claim that is not
     * an email address is left out). An anonymous contact is never turned into, or merged
     * with, a verified one. A blocked contact is refused before anything about it
     * changes.
     * @throws Rejected {@code visitor_blocked} when the identity's contact is blocked
     */
    @Transactional
    public Contact verifiedVisitor(WorkspaceId workspaceId, InboxId inboxId, String subject, String name, String email,
            String ipAddress) {
        Text.requireWellFormed(subject, "the identity's subject");
        Text.requireWellFormed(name, "the identity's name");
        Text.requireWellFormed(email, "the identity's email");
        byte[] subjectIndex = blindIndex.of(workspaceId, SUBJECT_INDEX, inboxId + "\u0000" + subject);
        Redaction redactedName = redactor.redact(workspaceId, name);
        Redaction redactedEmail = redactor.redact(workspaceId, email);
        String signedName = blankToNull(redactedName.text()) == null ? null : abbreviate(redactedName.text().strip());
        String signedEmail = blankToNull(redactedEmail.text()) == null ? null : normaliseEmail(redactedEmail.text());
        if (signedEmail != null && (signedEmail.length() > 254 || !EMAIL_FORMAT.matcher(signedEmail).matches())) {
            signedEmail = null;
        }
        Optional<ContactId> known = verifiedContact(workspaceId, inboxId, subjectIndex);
        if (known.isEmpty()) {
            // one creation at a time per inbox, so that two tabs verifying at once make
            // one contact
            jdbc.sql("select id from inbox where workspace_id = ? and id = ? for update")
                .params(workspaceId.value(), inboxId.value())
                .query(UUID.class)
                .single();
            known = verifiedContact(workspaceId, inboxId, subjectIndex);
        }
        Instant now = Timestamps.now(clock);
        ContactId id;
        if (known.isPresent()) {
            id = admitVisitor(workspaceId, known.get()).orElseThrow();
        }
        else {
            id = createVisitor(workspaceId, inboxId, ipAddress).id();
            jdbc.sql("insert into contact_identity (contact_id, workspace_id, inbox_id, subject_index, verified_at) "
                    + "values (?, ?, ?, ?, ?)")
                .params(id.value(), workspaceId.value(), inboxId.value(), subjectIndex, Timestamps.toDatabase(now))
                .update();
        }
        Contact contact = find(workspaceId, id).orElseThrow();
        if (signedName != null || signedEmail != null) {
            String newName = signedName == null ? contact.displayName() : signedName;
            String newEmail = signedEmail == null ? contact.email() : signedEmail;
            jdbc.sql(
                    "update contact set display_name = ?, email = ?, email_index = ? where workspace_id = ? and id = ?")
                .params(encryption.encrypt(workspaceId, NAME, id, newName),
                        encryption.encryptOrNull(workspaceId, EMAIL, id, newEmail),
                        newEmail == null ? null : blindIndex.of(workspaceId, EMAIL_INDEX, newEmail),
                        workspaceId.value(), id.value())
                .update();
        }
        jdbc.sql("update contact_identity set verified_at = ?, name_signed = ?, email_signed = ? where contact_id = ?")
            .params(Timestamps.toDatabase(now), signedName != null, signedEmail != null, id.value())
            .update();
        Redaction claims = new Redaction("", redactedName.cards() + redactedEmail.cards(),
                redactedName.ibans() + redactedEmail.ibans(), redactedName.custom() + redactedEmail.custom());
        if (claims.changed()) {
            events.publishEvent(claims.event(workspaceId,
                    new AuditActor(AuditActor.Kind.VISITOR, id.value().toString(), ""), "contact", id, "contact"));
        }
        return find(workspaceId, id).orElseThrow();
    }

    /**
     * Which details of a verified contact its site signed, in the newest identity token
     * that named them; empty for a contact no verified identity made (all of whose
     * details are unverified).
     */
    public record SignedDetails(boolean name, boolean email) {
    }

    @Transactional(readOnly = true)
    public Optional<SignedDetails> signedDetails(WorkspaceId workspaceId, ContactId id) {
        return jdbc
            .sql("select name_signed, email_signed from contact_identity where workspace_id = ? "
                    + "and contact_id = ?")
            .params(workspaceId.value(), id.value())
            .query((rs, n) -> new SignedDetails(rs.getBoolean("name_signed"), rs.getBoolean("email_signed")))
            .optional();
    }

    /** Which of the given contacts of the workspace were made by a verified identity. */
    @Transactional(readOnly = true)
    public Set<ContactId> verifiedAmong(WorkspaceId workspaceId, Collection<ContactId> ids) {
        return among(
                "select contact_id from contact_identity where workspace_id = :workspace " + "and contact_id in (:ids)",
                workspaceId, ids);
    }

    /**
     * Locks the contact's row until the caller's transaction ends, so that a visitor
     * opening the chat and a member blocking the contact happen one after the other, and
     * says whether the contact may chat: empty when there is no such contact.
     * @throws Rejected {@code visitor_blocked} when the contact is blocked
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<ContactId> admitVisitor(WorkspaceId workspaceId, ContactId id) {
        Optional<Boolean> blocked = jdbc
            .sql("select blocked_at is not null from contact where workspace_id = ? " + "and id = ? for update")
            .params(workspaceId.value(), id.value())
            .query(Boolean.class)
            .optional();
        if (blocked.orElse(false)) {
            throw new Rejected("visitor_blocked", "This chat is not available to you.");
        }
        return blocked.map(b -> id);
    }

    /**
     * Blocks the contact, or lifts its block, on behalf of member {@code by} (who the
     * caller checked may do so), and publishes {@link ContactBlockChanged} when that
     * changed anything. Returns whether it did.
     */
    @Transactional
    public boolean setBlocked(WorkspaceId workspaceId, ContactId id, MemberId by, boolean blocked) {
        Writer contact = lock(workspaceId, id);
        int changed = jdbc
            .sql("update contact set blocked_at = ? where workspace_id = ? and id = ? and (blocked_at is "
                    + (blocked ? "null" : "not null") + ")")
            .params(blocked ? Timestamps.toDatabase(Timestamps.now(clock)) : null, workspaceId.value(), id.value())
            .update();
        if (changed > 0) {
            events.publishEvent(new ContactBlockChanged(workspaceId, by, id, contact.inboxId(), blocked));
        }
        return changed > 0;
    }

    /** Which of the given contacts of the workspace are blocked. */
    @Transactional(readOnly = true)
    public Set<ContactId> blockedAmong(WorkspaceId workspaceId, Collection<ContactId> ids) {
        return among("select id from contact where workspace_id = :workspace and id in (:ids) "
                + "and blocked_at is not null", workspaceId, ids);
    }

    /**
     * The contact ids (first column) that {@code query} selects among {@code :ids} of the
     * {@code :workspace}.
     */
    private Set<ContactId> among(String query, WorkspaceId workspaceId, Collection<ContactId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql(query)
            .param("workspace", workspaceId.value())
            .param("ids", ids.stream().map(ContactId::value).distinct().toList())
            .query((rs, n) -> new ContactId(rs.getObject(1, UUID.class)))
            .list());
    }

    /**
     * Erases the contact: locks its row, publishes {@link ContactErased} (each module
     * deletes what it keeps of the contact, in this transaction), then deletes its
     * consent records, its verified identity and the contact itself. The caller
     * authorised it and checked that nothing holds it. Returns false when there is no
     * such contact.
     */
    @Transactional
    public boolean erase(WorkspaceId workspaceId, ContactId id, ContactErased.Reason reason) {
        boolean exists = jdbc.sql("select id from contact where workspace_id = ? and id = ? for update")
            .params(workspaceId.value(), id.value())
            .query(UUID.class)
            .optional()
            .isPresent();
        if (!exists) {
            return false;
        }
        events.publishEvent(new ContactErased(workspaceId, id, reason));
        consents.eraseContact(workspaceId, id);
        jdbc.sql("delete from contact_identity where workspace_id = ? and contact_id = ?")
            .params(workspaceId.value(), id.value())
            .update();
        jdbc.sql("delete from contact where workspace_id = ? and id = ?")
            .params(workspaceId.value(), id.value())
            .update();
        return true;
    }

    /**
     * An email address as erasure and look-ups compare it (trimmed, lower case).
     * @throws Rejected {@code bad_email} when it does not look like an email address, and
     * {@code malformed_text} when it is not well-formed text
     */
    public static String normalisedEmail(String email) {
        Text.requireWellFormed(email, "the email");
        String normalised = blankToNull(email) == null ? null : normaliseEmail(email);
        if (normalised == null || normalised.length() > 254 || !EMAIL_FORMAT.matcher(normalised).matches()) {
            throw new Rejected("bad_email", "That does not look like an email address.");
        }
        return normalised;
    }

    /**
     * The keyed blind digest of an email address (normalised by
     * {@link #normalisedEmail}), as the contact table indexes it: what an erasure by
     * email records instead of the address.
     */
    public byte[] emailDigest(WorkspaceId workspaceId, String normalisedEmail) {
        return blindIndex.of(workspaceId, EMAIL_INDEX, normalisedEmail);
    }

    /**
     * The contacts whose email has this blind digest and that were created at or before
     * {@code createdUpTo}, oldest first.
     */
    @Transactional(readOnly = true)
    public List<ContactId> withEmailDigest(WorkspaceId workspaceId, byte[] digest, Instant createdUpTo) {
        return jdbc
            .sql("select id from contact where workspace_id = ? and email_index = ? and created_at <= ? "
                    + "order by created_at, id")
            .params(workspaceId.value(), digest, Timestamps.toDatabase(createdUpTo))
            .query((rs, n) -> new ContactId(rs.getObject("id", UUID.class)))
            .list();
    }

    /** Which of the given contacts exist in the workspace. */
    @Transactional(readOnly = true)
    public Set<ContactId> existing(WorkspaceId workspaceId, Collection<ContactId> ids) {
        return among("select id from contact where workspace_id = :workspace and id in (:ids)", workspaceId, ids);
    }

    /**
     * The workspace's contact that a typed id names (a page's or the API's field).
     * @throws NotFound for an id that is malformed, unknown or of another workspace
     */
    @Transactional(readOnly = true)
    public ContactId existing(WorkspaceId workspaceId, @Nullable String typedId) {
        ContactId id;
        try {
            id = new ContactId(Ids.parse(typedId == null ? null : typedId.strip()));
        }
        catch (IllegalArgumentException malformed) {
            throw new NotFound("contact");
        }
        if (existing(workspaceId, List.of(id)).isEmpty()) {
            throw new NotFound("contact");
        }
        return id;
    }

    /**
     * A batch of the workspace's contacts created before {@code cutoff}, by id after
     * {@code after} (null: from the first).
     */
    @Transactional(readOnly = true)
    public List<ContactId> createdBefore(WorkspaceId workspaceId, Instant cutoff, ContactId after, int limit) {
        return jdbc
            .sql("select id from contact where workspace_id = ? and created_at < ? and id > ? order by id limit ?")
            .params(workspaceId.value(), Timestamps.toDatabase(cutoff), after == null ? new UUID(0, 0) : after.value(),
                    limit)
            .query((rs, n) -> new ContactId(rs.getObject("id", UUID.class)))
            .list();
    }

    /**
     * A page of the workspace's contacts (decrypted), by id after {@code after} (null:
     * from the first): for exports.
     */
    @Transactional(readOnly = true)
    public List<Contact> page(WorkspaceId workspaceId, ContactId after, int limit) {
        return jdbc.sql(COLUMNS + " where workspace_id = ? and id > ? order by id limit ?")
            .params(workspaceId.value(), after == null ? new UUID(0, 0) : after.value(), limit)
            .query((rs, n) -> contact(rs))
            .list();
    }

    private Optional<ContactId> verifiedContact(WorkspaceId workspaceId, InboxId inboxId, byte[] subjectIndex) {
        return jdbc
            .sql("select contact_id from contact_identity where workspace_id = ? and inbox_id = ? "
                    + "and subject_index = ?")
            .params(workspaceId.value(), inboxId.value(), subjectIndex)
            .query((rs, n) -> new ContactId(rs.getObject("contact_id", UUID.class)))
            .optional();
    }

    private static Rejected signedDetail(String detail) {
        return new Rejected("signed_detail",
                "The site signed this contact's " + detail + " (identity verification): " + "it changes only there.");
    }

    private static String abbreviate(String name) {
        return name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH ? name
                : name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
    }

    /**
     * An agent ({@code by}) records who the contact is, each detail through the redactor
     * first. Blank email or phone clears it. What the contact's site signed (its
     * {@link SignedDetails}) stays as signed: an agent's word is never merged into a
     * verified identity.
     * @throws Rejected {@code signed_detail} for a change to a signed name or email
     * (nothing is stored)
     */
    @Transactional
    public Contact updateDetails(WorkspaceId workspaceId, ContactId id, MemberId by, String displayName, String email,
            String phone) {
        Text.requireWellFormed(displayName, "the name");
        Text.requireWellFormed(email, "the email");
        Text.requireWellFormed(phone, "the phone number");
        // redacted before they are checked: a card number typed as a phone number is not
        // a
        // phone number
        Redaction redactedName = redactor.redact(workspaceId, displayName);
        Redaction redactedEmail = redactor.redact(workspaceId, email);
        Redaction redactedPhone = redactor.redact(workspaceId, phone);
        displayName = redactedName.text();
        email = redactedEmail.text();
        phone = redactedPhone.text();
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new Rejected("bad_name", "A name has 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        String normalisedEmail = blankToNull(email) == null ? null : normaliseEmail(email);
        if (normalisedEmail != null
                && (normalisedEmail.length() > 254 || !EMAIL_FORMAT.matcher(normalisedEmail).matches())) {
            throw new Rejected("bad_email", "That does not look like an email address.");
        }
        String cleanPhone = blankToNull(phone);
        if (cleanPhone != null && !PHONE_FORMAT.matcher(cleanPhone).matches()) {
            throw new Rejected("bad_phone", "A phone number has 3 to 32 digits, spaces and + ( ) . / -.");
        }
        Contact current = jdbc.sql(COLUMNS + " where workspace_id = ? and id = ? for update")
            .params(workspaceId.value(), id.value())
            .query((rs, n) -> contact(rs))
            .optional()
            .orElseThrow(() -> new NotFound("contact"));
        SignedDetails signed = signedDetails(workspaceId, id).orElse(new SignedDetails(false, false));
        if (signed.name() && !name.equals(current.displayName())) {
            throw signedDetail("name");
        }
        if (signed.email() && !Objects.equals(normalisedEmail, current.email())) {
            throw signedDetail("email");
        }
        int updated = jdbc.sql("""
                update contact set display_name = ?, email = ?, email_index = ?, phone = ?
                 where workspace_id = ? and id = ?
                """)
            .params(encryption.encrypt(workspaceId, NAME, id, name),
                    encryption.encryptOrNull(workspaceId, EMAIL, id, normalisedEmail),
                    normalisedEmail == null ? null : blindIndex.of(workspaceId, EMAIL_INDEX, normalisedEmail),
                    encryption.encryptOrNull(workspaceId, PHONE, id, cleanPhone), workspaceId.value(), id.value())
            .update();
        if (updated == 0) {
            throw new NotFound("contact");
        }
        Redaction details = new Redaction("", redactedName.cards() + redactedEmail.cards() + redactedPhone.cards(),
                redactedName.ibans() + redactedEmail.ibans() + redactedPhone.ibans(),
                redactedName.custom() + redactedEmail.custom() + redactedPhone.custom());
        if (details.changed()) {
            events.publishEvent(details.event(workspaceId, AuditActor.member(by), "contact", id, "contact"));
        }
        return find(workspaceId, id).orElseThrow();
    }

    /**
     * A visitor withdrew their consent: the address kept of them is forgotten at once, in
     * the withdrawing transaction (what they wrote goes with the contact's erasure).
     */
    @EventListener
    void on(ConsentWithdrawn withdrawn) {
        jdbc.sql("update contact set ip_address = null where workspace_id = ? and id = ?")
            .params(withdrawn.workspaceId().value(), withdrawn.contactId().value())
            .update();
    }

    @Transactional(readOnly = true)
    public Optional<Contact> find(WorkspaceId workspaceId, ContactId id) {
        return jdbc.sql(COLUMNS + " where workspace_id = ? and id = ?")
            .params(workspaceId.value(), id.value())
            .query((rs, n) -> contact(rs))
            .optional();
    }

    /**
     * Contacts of the workspace with exactly this email (case-insensitive), found through
     * the blind index.
     */
    @Transactional(readOnly = true)
    public List<Contact> findByEmail(WorkspaceId workspaceId, String email) {
        if (blankToNull(email) == null) {
            return List.of();
        }
        return jdbc.sql(COLUMNS + " where workspace_id = ? and email_index = ? order by created_at, id")
            .params(workspaceId.value(), blindIndex.of(workspaceId, EMAIL_INDEX, normaliseEmail(email)))
            .query((rs, n) -> contact(rs))
            .list();
    }

    /**
     * Display names of the given contacts of the workspace (unknown ids are left out).
     */
    @Transactional(readOnly = true)
    public Map<ContactId, String> displayNames(WorkspaceId workspaceId, Collection<ContactId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<ContactId, String> names = new HashMap<>();
        jdbc.sql("select id, display_name from contact where workspace_id = :workspace and id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("ids", ids.stream().map(ContactId::value).distinct().toList())
            .query(rs -> {
                ContactId id = new ContactId(rs.getObject("id", UUID.class));
                names.put(id, encryption.decrypt(workspaceId, NAME, id, rs.getBytes("display_name")));
            });
        return names;
    }

    /**
     * A contact as the message path needs it: which inbox it writes in, and the name its
     * messages carry.
     */
    @NamedInterface("api")
    public record Writer(ContactId id, InboxId inboxId, String displayName) {
    }

    /**
     * Locks the contact's row until the caller's transaction ends, so that work done per
     * contact (opening its conversation) happens one request at a time; decrypts only the
     * name a message carries.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Writer lock(WorkspaceId workspaceId, ContactId id) {
        return jdbc.sql("select id, inbox_id, display_name from contact where workspace_id = ? and id = ? for update")
            .params(workspaceId.value(), id.value())
            .query((rs, n) -> new Writer(id, new InboxId(rs.getObject("inbox_id", UUID.class)),
                    encryption.decrypt(workspaceId, NAME, id, rs.getBytes("display_name"))))
            .optional()
            .orElseThrow(() -> new NotFound("contact"));
    }

    private Contact contact(ResultSet rs) throws SQLException {
        ContactId id = new ContactId(rs.getObject("id", UUID.class));
        WorkspaceId workspaceId = new WorkspaceId(rs.getObject("workspace_id", UUID.class));
        return new Contact(id, workspaceId, new InboxId(rs.getObject("inbox_id", UUID.class)),
                encryption.decrypt(workspaceId, NAME, id, rs.getBytes("display_name")),
                encryption.decryptOrNull(workspaceId, EMAIL, id, rs.getBytes("email")),
                encryption.decryptOrNull(workspaceId, PHONE, id, rs.getBytes("phone")),
                encryption.decryptOrNull(workspaceId, IP_ADDRESS, id, rs.getBytes("ip_address")),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)));
    }

    private static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
