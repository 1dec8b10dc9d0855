package org.confidant.privacy;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The privacy module never runs a backtracking regular expression engine: no
 * {@code java.util.regex} at all, nor the {@code String} methods that compile their
 * argument with it; the workspaces' rules run on RE2/J (linear time).
 */
class RedactorRulesTests {

    @Test
    void thePrivacyModuleRunsNoBacktrackingRegularExpressions() {
        JavaClasses privacy = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("org.confidant.privacy");
        noClasses().should()
            .dependOnClassesThat()
            .resideInAPackage("java.util.regex..")
            .orShould()
            .callMethodWhere(target(owner(equivalentTo(String.class)))
                .and(target(nameMatching("matches|replaceAll|replaceFirst|split|splitWithDelimiters"))))
            .because("custom rules are user-supplied patterns and run on RE2/J only")
            .check(privacy);
    }

}
