package org.confidant.widget;

import org.confidant.privacy.InboxPrivacy;
import org.springframework.modulith.NamedInterface;

/**
 * A new visitor's {@code hello} came without the consent the inbox asks for (or with one
 * to an older notice): nothing was stored, and the visitor is to be shown the notice
 * ({@code privacy}) and asked.
 */
@NamedInterface("api")
public final class ConsentRequired extends RuntimeException {

    private final InboxPrivacy privacy;

    public ConsentRequired(InboxPrivacy privacy) {
        super("the visitor has not consented to the inbox's notice", null, false, false);
        this.privacy = privacy;
    }

    public InboxPrivacy privacy() {
        return privacy;
    }

}
