/**
 * The shared kernel: typed identifiers ({@link org.confidant.shared.WorkspaceId}, {@link org.confidant.shared.ConversationId},
 * ...) and small value helpers that every module may use. It holds no beans and no state, and depends on nothing else
 * in Confidant.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.confidant.shared;
