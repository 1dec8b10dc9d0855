package org.confidant.job;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@link JobKind} beans by name, looked up when first needed (not when this bean is
 * made), so that a kind may itself use {@link JobManagement}.
 */
@Component
class JobKinds {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    private final ObjectProvider<JobKind> beans;

    private volatile Map<String, JobKind> byName;

    JobKinds(ObjectProvider<JobKind> beans) {
        this.beans = beans;
    }

    Optional<JobKind> find(String name) {
        return Optional.ofNullable(all().get(name));
    }

    Collection<JobKind> kinds() {
        return all().values();
    }

    /** Every kind, checked: well-formed, unique names. */
    Map<String, JobKind> all() {
        Map<String, JobKind> known = byName;
        if (known == null) {
            Map<String, JobKind> found = new LinkedHashMap<>();
            beans.orderedStream().forEach(kind -> {
                if (!NAME.matcher(kind.name()).matches()) {
                    throw new IllegalStateException("not a job kind name: " + kind.name());
                }
                if (found.putIfAbsent(kind.name(), kind) != null) {
                    throw new IllegalStateException("two job kinds are named " + kind.name());
                }
            });
            byName = known = Map.copyOf(found);
        }
        return known;
    }

}
