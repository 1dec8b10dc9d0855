package org.confidant.egress;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;

import javax.net.SocketFactory;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * Only the egress gate connects out: no other product code opens a socket (TCP, UDP,
 * unix), builds an HTTP client (the JDK's, Apache's, Spring's) or a mail sender, or opens
 * a URL. The rule is proved by {@code org.confidant.egressfixture}, a test-only module
 * that does each and must be reported.
 */
class EgressRulesTests {

    static final ArchRule ONLY_THE_GATE_CONNECTS = noClasses().that()
        .resideOutsideOfPackage("org.confidant.egress..")
        .should()
        .callConstructorWhere(target(owner(assignableToAny(Socket.class, DatagramSocket.class, RestTemplate.class))))
        .orShould()
        .callMethodWhere(target(
                owner(assignableToAny(SocketChannel.class, AsynchronousSocketChannel.class, DatagramChannel.class)))
            .and(target(nameMatching("open"))))
        .orShould()
        .callMethodWhere(target(owner(assignableToAny(RestClient.class))).and(target(nameMatching("builder|create"))))
        .orShould()
        .callMethodWhere(
                target(owner(assignableToAny(URL.class))).and(target(nameMatching("openConnection|openStream"))))
        .orShould()
        .callMethodWhere(target(owner(assignableToAny(SocketFactory.class)))
            .and(target(nameMatching("getDefault|createSocket"))))
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net.http..", "org.apache.hc.client5..", "jakarta.mail..", "org.eclipse.angus..",
                "org.springframework.mail.javamail..", "org.springframework.web.reactive.function.client..")
        .because("every outbound connection goes through the egress gate (docs/data-flows.md)");

    private static final ImportOption PRODUCT = new ImportOption.DoNotIncludeTests();

    @Test
    void noProductCodeConnectsPastTheGate() {
        JavaClasses product = new ClassFileImporter().withImportOption(PRODUCT).importPackages("org.confidant");
        ONLY_THE_GATE_CONNECTS.check(product);
    }

    @Test
    void aModuleThatBuildsItsOwnClientOrSocketIsReported() {
        JavaClasses withFixture = new ClassFileImporter()
            .withImportOption(location -> PRODUCT.includes(location)
                    || location.contains("/test-classes/org/confidant/egressfixture/"))
            .importPackages("org.confidant");
        EvaluationResult result = ONLY_THE_GATE_CONNECTS.evaluate(withFixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
            .allSatisfy(line -> assertThat(line).contains("egressfixture"))
            .anySatisfy(line -> assertThat(line).contains("java.net.http.HttpClient.newHttpClient()"))
            .anySatisfy(line -> assertThat(line).contains("java.net.Socket.<init>"))
            .anySatisfy(line -> assertThat(line).contains("JavaMailSenderImpl.<init>"));
    }

    private static DescribedPredicate<JavaClass> assignableToAny(Class<?>... types) {
        DescribedPredicate<JavaClass> any = DescribedPredicate.alwaysFalse();
        for (Class<?> type : types) {
            any = any.or(JavaClass.Predicates.assignableTo(type));
        }
        return any.as("any of the connecting types");
    }

}
