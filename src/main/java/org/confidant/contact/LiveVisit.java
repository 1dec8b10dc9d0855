package org.confidant.contact;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * What a visitor's open connection says about them now, held in memory only (see
 * {@link LiveVisits}): the path of the page they are on (never its query or fragment), a
 * summary of their browser (never the raw user agent) and their time zone; the page and
 * zone are null when the widget did not send a valid one.
 */
@NamedInterface("api")
public record LiveVisit(@Nullable String page, String browser, @Nullable ZoneId zone) {

    private static final DateTimeFormatter HOURS_AND_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * The visitor's local time by the given clock, as "14:05 (Europe/Berlin)"; null
     * without a zone.
     */
    public @Nullable String localTime(Clock clock) {
        if (zone == null) {
            return null;
        }
        return HOURS_AND_MINUTES.format(ZonedDateTime.now(clock.withZone(zone))) + " (" + zone.getId() + ")";
    }

}
