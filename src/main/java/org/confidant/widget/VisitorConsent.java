package org.confidant.widget;

import org.confidant.privacy.Consent;
import org.springframework.modulith.NamedInterface;

/**
 * The consent a new visitor's {@code hello} carries: how it was given and to which
 * version of the inbox's notice.
 */
@NamedInterface("api")
public record VisitorConsent(Consent.Kind kind, int noticeVersion) {
}
