/**
 * The extension point an operator chooses an implementation of: where the master key
 * comes from (a file or the environment here; a cloud KMS as a plug-in jar that provides
 * a {@link org.confidant.crypto.spi.MasterKey} bean).
 */
@NamedInterface("spi")
@NullMarked
package org.confidant.crypto.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
