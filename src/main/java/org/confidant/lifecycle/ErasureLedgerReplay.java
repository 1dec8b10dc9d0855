package org.confidant.lifecycle;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.confidant.contact.ContactErased;
import org.confidant.contact.ContactManagement;
import org.confidant.crypto.ErasureLedger;
import org.confidant.shared.ContactId;
import org.confidant.tenancy.Tenancy;
import org.confidant.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-applies the erasure ledger to the database at every start, once everything is built
 * and before the server takes its first request (or runs its first job): a contact the
 * ledger says was erased, and every contact that had the erased email address before the
 * erasure, is erased again if a restored database brought it back; a workspace the ledger
 * says was shredded is deleted again. The log says what came back. The backups of the
 * operations issue call {@link #reapply} after a restore.
 */
@NamedInterface("api")
@Component
public class ErasureLedgerReplay implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ErasureLedgerReplay.class);

    /** What a replay found again and erased. */
    public record Replayed(int contacts, int workspaces) {
    }

    private final ErasureLedger ledger;

    private final ContactManagement contacts;

    private final WorkspaceManagement workspaces;

    private final TransactionTemplate transactions;

    ErasureLedgerReplay(ErasureLedger ledger, ContactManagement contacts, WorkspaceManagement workspaces,
            PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.contacts = contacts;
        this.workspaces = workspaces;
        this.transactions = new TransactionTemplate(transactions);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Replayed replayed = reapply();
        if (replayed.contacts() + replayed.workspaces() > 0) {
            log.warn("Erasure ledger: {} erased contacts and {} shredded workspaces were in the database again "
                    + "(a restored backup?) and were erased again", replayed.contacts(), replayed.workspaces());
        }
    }

    /** Erases again whatever the ledger has and the database holds. */
    public Replayed reapply() {
        int contactsErased = 0;
        int workspacesShredded = 0;
        for (ErasureLedger.Entry entry : ledger.entries()) {
            boolean exists = Tenancy.run(entry.workspaceId(), () -> workspaces.find(entry.workspaceId()).isPresent());
            if (!exists) {
                continue;
            }
            if (entry.kind() == ErasureLedger.Kind.WORKSPACE) {
                Tenancy.run(entry.workspaceId(), () -> workspaces.shred(entry.workspaceId(), entry.receipt()));
                log.warn("Erasure ledger: workspace {}, shredded on {}, was in the database again and was deleted "
                        + "again", entry.workspaceId(), entry.at());
                workspacesShredded++;
                continue;
            }
            contactsErased += Tenancy.run(entry.workspaceId(), () -> transactions.execute(status -> {
                Set<ContactId> again = new LinkedHashSet<>(contacts.existing(entry.workspaceId(),
                        entry.ids().stream().map(id -> new ContactId(UUID.fromString(id))).toList()));
                for (String digest : entry.digests()) {
                    again.addAll(
                            contacts.withEmailDigest(entry.workspaceId(), HexFormat.of().parseHex(digest), entry.at()));
                }
                List<ContactId> erased = new ArrayList<>();
                for (ContactId contact : again) {
                    if (contacts.erase(entry.workspaceId(), contact, ContactErased.Reason.ERASURE)) {
                        erased.add(contact);
                        log.warn(
                                "Erasure ledger: contact {} of workspace {}, erased on {} (receipt {}), was in the "
                                        + "database again and was erased again",
                                contact, entry.workspaceId(), entry.at(), entry.receipt());
                    }
                }
                return erased.size();
            }));
        }
        return new Replayed(contactsErased, workspacesShredded);
    }

}
