package org.confidant.routing;

import java.util.Locale;

import org.confidant.shared.Rejected;
import org.springframework.modulith.NamedInterface;

/**
 * What a member says about themself: at work and taking conversations ({@code ONLINE}),
 * at work but not taking new ones ({@code AWAY}), or not at work ({@code OFFLINE}).
 */
@NamedInterface("api")
public enum MemberStatus {

    ONLINE, AWAY, OFFLINE;

    /** The lower-case name pages, forms and frames use. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status a form or frame names; anything else is refused ({@code bad_status}).
     */
    public static MemberStatus of(String key) {
        for (MemberStatus status : values()) {
            if (status.key().equals(key)) {
                return status;
            }
        }
        throw new Rejected("bad_status", "A status is online, away or offline.");
    }

}
