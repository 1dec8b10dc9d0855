package org.confidant.lifecycle;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.crypto.DeploymentSigning;
import org.confidant.job.Job;
import org.confidant.job.JobId;
import org.confidant.job.JobManagement;
import org.confidant.privacy.ConsentWithdrawn;
import org.confidant.shared.ContactId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure ({@link Permission#CONTACTS_ERASE}): of one contact, or of every contact with
 * an email address (found through its keyed blind index). Each runs as a job
 * ({@link ErasureJob}) that answers with a receipt signed by the deployment's key, which
 * anyone can check against the published public key without trusting the database; an
 * address with no contact gets a receipt that says nothing was found. A contact a legal
 * hold keeps is refused up front when it is asked for by itself. A visitor who withdraws
 * their consent in the chat starts the same erasure of their contact, as the system.
 */
@NamedInterface("api")
@Service
public class ErasureManagement {

    /** How many receipts the page lists. */
    public static final int RECENT = 50;

    private final ContactManagement contacts;

    private final LegalHoldManagement holds;

    private final JobManagement jobs;

    private final ErasureReceipts receipts;

    private final DeploymentSigning signing;

    ErasureManagement(ContactManagement contacts, LegalHoldManagement holds, JobManagement jobs,
            ErasureReceipts receipts, DeploymentSigning signing) {
        this.contacts = contacts;
        this.holds = holds;
        this.jobs = jobs;
        this.receipts = receipts;
        this.signing = signing;
    }

    /**
     * Queues the erasure of a contact of the actor's workspace.
     * @throws NotFound for an id that is malformed, unknown or of another workspace
     * @throws Rejected {@code legal_hold} when a legal hold keeps the contact
     */
    @Transactional
    public JobId eraseContact(Grants actor, String contactId) {
        ContactId contact = contacts.existing(actor.workspaceId(), contactId);
        actor.require(Permission.CONTACTS_ERASE);
        if (holds.contactHeld(actor.workspaceId(), contact)) {
            throw new Rejected("legal_hold", "A legal hold keeps this contact: lift it before erasing.");
        }
        return jobs.submit(actor, ErasureJob.NAME, "contact:" + contact);
    }

    /**
     * A visitor withdrew their consent: what it let the workspace keep goes, through the
     * erasure of their contact (its conversations, messages, files, sessions and consent
     * records, with a receipt and an entry in the erasure ledger), queued in the
     * withdrawing transaction. A legal hold that keeps the contact keeps it, and the
     * receipt says so.
     */
    @EventListener
    void on(ConsentWithdrawn withdrawn) {
        jobs.submitForSystem(withdrawn.workspaceId(), ErasureJob.NAME, "contact:" + withdrawn.contactId());
    }

    /**
     * Queues the erasure of every contact of the actor's workspace with this email
     * address. Only the address's keyed digest is kept (in the job and the receipt).
     * @throws Rejected {@code bad_email} for something that is not an email address
     */
    @Transactional
    public JobId eraseEmail(Grants actor, String email) {
        actor.require(Permission.CONTACTS_ERASE);
        String normalised = ContactManagement.normalisedEmail(email);
        byte[] digest = contacts.emailDigest(actor.workspaceId(), normalised);
        return jobs.submit(actor, ErasureJob.NAME, "email:" + HexFormat.of().formatHex(digest));
    }

    /**
     * A signed receipt: the JWS (flattened JSON, RFC 7515) and, for reading, the
     * statement it signs.
     */
    public record Receipt(JobId job, DeploymentSigning.SignedStatement signed) {

        /**
         * The receipt as handed out: {@code protected}, {@code payload},
         * {@code signature} and the readable {@code receipt}.
         */
        public String document() {
            return "{\"protected\":\"" + signed.protectedHeader() + "\",\"payload\":\"" + signed.payload()
                    + "\",\"signature\":\"" + signed.signature() + "\",\"receipt\":" + signed.payloadText() + "}";
        }
    }

    /**
     * The receipt of an erasure job of the viewer's workspace, for a viewer who may erase
     * (an API token without {@code contacts.erase} is not, even its requester's); empty
     * until it is done.
     * @throws NotFound for an unknown job, another kind's, or a viewer who may not erase
     */
    @Transactional(readOnly = true)
    public Optional<Receipt> receipt(Grants viewer, JobId job) {
        Job seen = jobs.find(viewer, job)
            .filter(j -> j.kind().equals(ErasureJob.NAME) && viewer.has(Permission.CONTACTS_ERASE))
            .orElseThrow(() -> new NotFound("erasure"));
        return receipts.find(viewer.workspaceId(), seen.id().value())
            .map(stored -> new Receipt(seen.id(), DeploymentSigning.SignedStatement.ofCompact(stored.jws())));
    }

    /** The workspace's receipts, newest first. */
    @Transactional(readOnly = true)
    public List<Receipt> recent(Grants viewer) {
        viewer.require(Permission.CONTACTS_ERASE);
        return receipts.recent(viewer.workspaceId(), RECENT)
            .stream()
            .map(stored -> new Receipt(new JobId(stored.id()),
                    DeploymentSigning.SignedStatement.ofCompact(stored.jws())))
            .toList();
    }

    /** Whether a receipt was signed by this deployment and is unchanged. */
    public boolean verify(Receipt receipt) {
        return signing.verify(receipt.signed());
    }

}
