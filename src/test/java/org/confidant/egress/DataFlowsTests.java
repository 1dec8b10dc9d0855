package org.confidant.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * {@code docs/data-flows.md} lists exactly the flows of {@link Flow}, and every flow but
 * the KMS plug-in's (whose client is the plug-in's own) is used by the code that makes
 * the connection.
 */
class DataFlowsTests {

    private static final Path DATA_FLOWS = Path.of("docs/data-flows.md");

    private static final String START = "<!-- flows:start (generated from egress.Flow by DataFlowsTests) -->";

    private static final String END = "<!-- flows:end -->";

    @Test
    void theDocumentListsEveryFlowAsTheCodeSays() throws IOException {
        String document = Files.readString(DATA_FLOWS, StandardCharsets.UTF_8);
        assertThat(document).contains(START).contains(END);
        String expected = document.substring(0, document.indexOf(START) + START.length()) + "\n\n" + table() + "\n"
                + document.substring(document.indexOf(END));
        if (Boolean.getBoolean("confidant.docs.update")) {
            Files.writeString(DATA_FLOWS, expected, StandardCharsets.UTF_8);
            document = expected;
        }
        assertThat(document)
            .as("docs/data-flows.md is stale: ./mvnw test -Dtest=DataFlowsTests -Dconfidant.docs.update=true")
            .isEqualTo(expected);
    }

    @Test
    void everyFlowIsMadeByTheCodeThatNamesIt() {
        JavaClasses product = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("org.confidant");
        Set<String> used = product.stream()
            .filter(type -> !type.getPackageName().startsWith("org.confidant.egress"))
            .flatMap(type -> type.getFieldAccessesFromSelf().stream())
            .filter(access -> access.getTargetOwner().isEquivalentTo(Flow.class))
            .map(access -> access.getTarget().getName())
            .collect(Collectors.toSet());
        Set<String> expected = Arrays.stream(Flow.values())
            .filter(flow -> flow != Flow.KMS)
            .map(Flow::name)
            .collect(Collectors.toSet());
        assertThat(used).isEqualTo(expected);
    }

    static String table() {
        StringBuilder table = new StringBuilder("| Flow | Target chosen by | What it carries | Turned on by |\n")
            .append("|---|---|---|---|\n");
        for (Flow flow : Flow.values()) {
            table.append("| `")
                .append(flow.key())
                .append("` | ")
                .append(flow.chooser() == Flow.Chooser.OPERATOR ? "the operator" : "a workspace (allowlisted)")
                .append(" | ")
                .append(flow.carries())
                .append(" | ")
                .append(flow.enabledBy())
                .append(" |\n");
        }
        return table.toString();
    }

}
