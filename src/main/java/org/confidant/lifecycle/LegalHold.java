package org.confidant.lifecycle;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.MemberId;
import org.springframework.modulith.NamedInterface;

/** A legal hold: nothing under it is purged or erased until it is lifted. */
@NamedInterface("api")
public record LegalHold(UUID id, Target target, MemberId placedBy, Instant placedAt) {

    /** What a hold is on. */
    public enum Kind {

        CONVERSATION("conversation"), CONTACT("contact");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<Kind> ofCode(String code) {
            return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
        }

    }

    /** A conversation or contact, by id. */
    @NamedInterface("api")
    public record Target(Kind kind, UUID id) {
    }
}
