package org.confidant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditedEvent;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * {@code docs/audit.md} is what the code says, and every audited event's action is in it.
 */
class AuditCatalogueTests {

    @Test
    void thePublishedActionsAreWhatTheCodeSays() throws IOException {
        assertThat(Files.readString(Path.of("docs/audit.md"), StandardCharsets.UTF_8))
            .as("docs/audit.md is stale: java -jar target/confidant.jar audit-actions > docs/audit.md")
            .isEqualTo(AuditCatalogue.markdown());
        assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::storedName).distinct())
            .hasSize(AuditAction.values().length)
            .allMatch(name -> name.matches("[a-z_]+(\\.[a-z_]+)*") && name.length() <= 64);
    }

    /**
     * Each action's "recorded from" names exactly the audited events that name the action
     * in their record (the log writes its own retention purges); reserved actions are
     * named by none.
     */
    @Test
    void everyRecordedActionIsNamedByTheEventsTheCatalogueSays() {
        Map<AuditAction, Set<String>> namedBy = new EnumMap<>(AuditAction.class);
        JavaClasses product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.confidant");
        for (JavaClass type : product) {
            boolean event = type.isAssignableTo(AuditedEvent.class) && !type.isInterface();
            if (!event && !type.isEquivalentTo(AuditLog.class)) {
                continue;
            }
            Set<AuditAction> named = type.getFieldAccessesFromSelf()
                .stream()
                .filter(access -> access.getTargetOwner().isEquivalentTo(AuditAction.class))
                .map(access -> AuditAction.valueOf(access.getTarget().getName()))
                .collect(Collectors.toSet());
            assertThat(named).as(type.getName() + " names its action").isNotEmpty();
            String from = type.getPackageName().replace("org.confidant.", "") + "." + type.getSimpleName();
            named.forEach(action -> namedBy.computeIfAbsent(action, a -> new TreeSet<>()).add(from));
        }
        for (AuditAction action : AuditAction.values()) {
            Set<String> expected = action.reserved() ? Set.of()
                    : Set.of(action.recordedFrom().replace(" (retention)", ""));
            assertThat(namedBy.getOrDefault(action, Set.of())).as(action.storedName() + " is recorded from")
                .isEqualTo(expected);
        }
    }

}
