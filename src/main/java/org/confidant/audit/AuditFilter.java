package org.confidant.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.confidant.shared.Rejected;

/**
 * What the audit page and exports show: entries of one actor (a member's email or id),
 * one action (or, ending in a dot, a family such as {@code member.}), one target
 * ({@code kind:id}), within a time range ({@code from} inclusive, {@code to} exclusive;
 * UTC dates or instants). {@link #parse} refuses anything malformed.
 */
public record AuditFilter(Optional<String> actor, Optional<String> action, Optional<String> target,
        Optional<Instant> from, Optional<Instant> to) {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Pattern ACTION = Pattern.compile("[a-z_]+(\\.[a-z_]+)*\\.?");

    private static final Pattern TARGET = Pattern.compile("[a-z_]+:[A-Za-z0-9_.:@\\-]{1,160}");

    public static final AuditFilter NONE = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /** Validates the filters of a request; blank means "any". */
    public static AuditFilter parse(String actor, String action, String target, String from, String to) {
        Optional<String> actorFilter = blank(actor).map(value -> {
            if (value.length() > 254 || value.chars().anyMatch(Character::isISOControl)) {
                throw new Rejected("bad_filter", "The actor is a member's email or id (at most 254 characters).");
            }
            return value;
        });
        Optional<String> actionFilter = blank(action).map(value -> {
            if (value.length() > 64 || !ACTION.matcher(value).matches()) {
                throw new Rejected("bad_filter", "The action is a dotted name such as member.role_changed, or a "
                        + "family ending in a dot such as member.");
            }
            return value;
        });
        Optional<String> targetFilter = blank(target).map(value -> {
            if (!TARGET.matcher(value).matches()) {
                throw new Rejected("bad_filter", "The target is kind:id, such as member:0f3c1a2b-....");
            }
            return value;
        });
        Optional<Instant> fromTime = blank(from).map(value -> time(value, "from"));
        Optional<Instant> toTime = blank(to).map(value -> time(value, "to"));
        if (fromTime.isPresent() && toTime.isPresent() && !fromTime.get().isBefore(toTime.get())) {
            throw new Rejected("bad_filter", "The time range ends before it starts.");
        }
        return new AuditFilter(actorFilter, actionFilter, targetFilter, fromTime, toTime);
    }

    /**
     * The filters as request parameters (for links to the next page and to exports) and
     * as export details.
     */
    public Map<String, String> asParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        actor.ifPresent(value -> parameters.put("actor", value));
        action.ifPresent(value -> parameters.put("action", value));
        target.ifPresent(value -> parameters.put("target", value));
        from.ifPresent(value -> parameters.put("from", value.toString()));
        to.ifPresent(value -> parameters.put("to", value.toString()));
        return parameters;
    }

    static boolean isId(String actor) {
        return ID.matcher(actor).matches();
    }

    private static Optional<String> blank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Instant time(String value, String name) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new Rejected("bad_filter",
                    "The '" + name + "' time is a UTC date (2026-01-31) or instant " + "(2026-01-31T12:00:00Z).");
        }
    }
}
