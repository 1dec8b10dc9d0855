package org.confidant.workspace;

import java.time.Instant;

import org.confidant.shared.MemberId;
import org.springframework.modulith.NamedInterface;

/**
 * A workspace's cancellation: when and by whom, and when its keys are shredded unless an
 * owner undoes it first.
 *
 * @param warnedAt when its owners were told that the end is near (null until then)
 */
@NamedInterface("api")
public record Cancellation(Instant at, MemberId by, Instant shredAfter, Instant warnedAt) {
}
