/**
 * The shared kernel: typed identifiers ({@link org.confidant.shared.WorkspaceId},
 * {@link org.confidant.shared.ConversationId}, ...), the refusals every module throws
 * ({@link org.confidant.shared.Rejected}, {@link org.confidant.shared.NotFound},
 * {@link org.confidant.shared.Forbidden}, {@link org.confidant.shared.RateLimited}), the
 * audit log's event contract ({@link org.confidant.shared.AuditedEvent} and the
 * {@link org.confidant.shared.AuditAction} catalogue) and small value helpers. It holds
 * no beans and no state, depends on nothing else in Confidant, and every module may use
 * it.
 */
@ApplicationModule(displayName = "Shared kernel", type = ApplicationModule.Type.OPEN)
@NullMarked
package org.confidant.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
