package org.confidant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.confidant.shared.AuditedEvent;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** {@code docs/audit.md} is what the code says, and every audited event's action is in it. */
class AuditCatalogueTests {

    private static final Pattern RETURNED_ACTION = Pattern.compile("(?:return|->) \"([a-z_]+(?:\\.[a-z_]+)*)\"");

    @Test
    void thePublishedActionsAreWhatTheCodeSays() throws IOException {
        assertThat(Files.readString(Path.of("docs/audit.md"), StandardCharsets.UTF_8))
                .as("docs/audit.md is stale: java -jar target/confidant.jar audit-actions > docs/audit.md")
                .isEqualTo(AuditCatalogue.markdown());
        assertThat(AuditCatalogue.ACTIONS.stream().map(AuditCatalogue.Action::name).distinct())
                .hasSize(AuditCatalogue.ACTIONS.size());
    }

    @Test
    void everyAuditedEventRecordsAnActionOfTheCatalogueAndEveryRecordedActionHasAnEvent() throws IOException {
        Set<String> recorded = AuditCatalogue.ACTIONS.stream().filter(action -> !action.reserved())
                .map(AuditCatalogue.Action::name).collect(Collectors.toSet());
        Set<String> published = new TreeSet<>();
        for (JavaClass event : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.confidant")) {
            if (!event.isAssignableTo(AuditedEvent.class) || event.isInterface()) {
                continue;
            }
            Matcher actions = RETURNED_ACTION.matcher(source(event));
            int found = 0;
            while (actions.find()) {
                published.add(actions.group(1));
                found++;
            }
            assertThat(found).as(event.getName() + " names its action").isPositive();
        }
        assertThat(published).as("actions published but not in the catalogue").isSubsetOf(recorded);
        Set<String> withoutEvent = new TreeSet<>(recorded);
        withoutEvent.removeAll(published);
        assertThat(withoutEvent).as("recorded actions no event publishes (the log writes this one itself)")
                .containsExactly("audit.retention_purged");
    }

    private static String source(JavaClass type) throws IOException {
        Path file = Path.of("src/main/java", type.getPackageName().replace('.', '/'), type.getSimpleName() + ".java");
        try (Stream<String> lines = Files.lines(file)) {
            return lines.collect(Collectors.joining("\n"));
        }
    }
}
