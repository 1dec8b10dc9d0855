package org.confidant.inbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.confidant.shared.Rejected;
import org.springframework.modulith.NamedInterface;

/**
 * The pages allowed to embed an inbox's widget. Empty means the inbox is not live yet: no
 * page may embed it (never "anywhere").
 */
@NamedInterface("api")
public record AllowedDomains(List<AllowedOrigin> entries) {

    /** At most this many entries per inbox. */
    public static final int MAX_ENTRIES = 50;

    public AllowedDomains {
        entries = List.copyOf(entries);
    }

    /**
     * Reads a list as an admin types it: entries separated by new lines, commas or
     * spaces. Every bad entry is named in the one {@link Rejected} it throws.
     */
    public static AllowedDomains parse(String text) {
        Set<String> seen = new LinkedHashSet<>();
        List<AllowedOrigin> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String word : (text == null ? "" : text).split("[\\s,]+")) {
            if (word.isEmpty()) {
                continue;
            }
            try {
                AllowedOrigin entry = AllowedOrigin.parse(word);
                if (seen.add(entry.toString())) {
                    entries.add(entry);
                }
            }
            catch (Rejected rejected) {
                problems.add(rejected.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejected("bad_allowed_domain", String.join(" ", problems));
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new Rejected("too_many_allowed_domains", "An inbox allows at most " + MAX_ENTRIES + " origins.");
        }
        return new AllowedDomains(entries);
    }

    /** Whether a page of {@code origin} may embed the widget. */
    public boolean permits(WebOrigin origin) {
        return entries.stream().anyMatch(entry -> entry.permits(origin));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The entries as CSP {@code frame-ancestors} sources (their canonical forms are valid
     * host-sources).
     */
    public String asFrameAncestors() {
        return entries.stream().map(AllowedOrigin::toString).collect(Collectors.joining(" "));
    }

    /** One entry per line, as the install page shows them. */
    public String asText() {
        return entries.stream().map(AllowedOrigin::toString).collect(Collectors.joining("\n"));
    }
}
