/**
 * Attachments: files that visitors and agents send in a conversation. Uploads are
 * authorised, size-capped, typed by their bytes, optionally scanned, encrypted and stored
 * through the {@link org.confidant.attachment.spi.AttachmentStore} SPI before their
 * message is posted ({@link org.confidant.attachment.AttachmentManagement}); downloads
 * happen only through short-lived signed links
 * ({@link org.confidant.attachment.SignedLinks}). A refusal leaves nothing behind.
 */
@ApplicationModule(displayName = "Attachments",
        allowedDependencies = { "access::api", "conversation::api", "crypto::api", "egress::api", "identity::api",
                "ratelimit::api", "tenancy::api", "widget::api", "workspace::api" })
@NullMarked
package org.confidant.attachment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
