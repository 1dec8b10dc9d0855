/**
 * The extension point an operator chooses an implementation of: where attachments are
 * stored (a local folder here; an S3-compatible store as a plug-in jar that provides an
 * {@link org.confidant.attachment.spi.AttachmentStore} bean).
 */
@NamedInterface("spi")
@NullMarked
package org.confidant.attachment.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
