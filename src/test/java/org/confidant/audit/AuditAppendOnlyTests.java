package org.confidant.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The log is append-only for the application: only {@link AuditEntries} names the audit
 * tables in SQL (and the PostgreSQL guard, in its trigger), it never updates an entry,
 * deletes entries only for retention and workspace deletion, and only the log itself
 * calls those.
 */
class AuditAppendOnlyTests {

    private static final Pattern AUDIT_TABLES = Pattern.compile("audit_(entry|chain)\\b");

    @Test
    void onlyTheAuditRepositoryWritesTheAuditTables() throws IOException {
        List<Path> naming;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            naming = files.filter(file -> file.toString().endsWith(".java")).filter(file -> {
                try {
                    return AUDIT_TABLES.matcher(Files.readString(file)).find();
                }
                catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).map(file -> file.getFileName()).toList();
        }
        assertThat(naming).extracting(Path::toString)
            .containsExactlyInAnyOrder("AuditEntries.java", "AuditTableGuard.java");

        String repository = Files.readString(Path.of("src/main/java/org/confidant/audit/AuditEntries.java"));
        assertThat(repository).doesNotContainPattern("(?i)update\\s+audit_entry").doesNotContainPattern("(?i)truncate");
        Matcher deletes = Pattern.compile("(?i)delete\\s+from\\s+audit_entry").matcher(repository);
        assertThat(deletes.results().count()).as("retention and workspace deletion").isEqualTo(2);
    }

    @Test
    void onlyRetentionAndWorkspaceDeletionCallTheDeletingMethods() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.confidant");
        noClasses().that()
            .doNotHaveSimpleName("AuditLog")
            .should()
            .callMethod(AuditEntries.class, "purge", org.confidant.shared.WorkspaceId.class, java.time.Instant.class)
            .orShould()
            .callMethod(AuditEntries.class, "append", AuditEntry.class)
            .check(classes);
        noClasses().that()
            .doNotHaveSimpleName("AuditDeletion")
            .should()
            .callMethod(AuditEntries.class, "deleteWorkspace", org.confidant.shared.WorkspaceId.class)
            .check(classes);
        noClasses().that()
            .doNotHaveSimpleName("AuditRecorder")
            .and()
            .doNotHaveSimpleName("AuditLog")
            .should()
            .callMethod(AuditLog.class, "append", org.confidant.shared.WorkspaceId.class,
                    org.confidant.shared.AuditActor.class, String.class, String.class,
                    org.confidant.shared.AuditOutcome.class, String.class, String.class, java.util.Map.class)
            .check(classes);
    }

}
