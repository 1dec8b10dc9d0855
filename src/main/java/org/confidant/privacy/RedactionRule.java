package org.confidant.privacy;

import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * A workspace's own redaction rule: what it is called (the replacement says
 * {@code [<name> removed]}) and the regular expression it removes, in RE2 syntax, run by
 * a linear-time engine.
 */
@NamedInterface("api")
public record RedactionRule(UUID id, String name, String pattern) {
}
