package org.confidant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test of the whole application, started on a random port over the suite's database
 * ({@link TestDatabase}), with the suite's test beans
 * ({@link IntegrationTestConfiguration}): {@link Fixtures} to build workspaces, members
 * and inboxes, the application's clock as a {@link TestClock}, and
 * {@link PublishedEvents}. After each test the clock is back on time and the recorded
 * events are forgotten, so that test classes share one application context: every class
 * with the same {@link #profiles()} runs in the same one.
 *
 * <p>
 * The suite's settings are {@code config/application.properties} of the test resources; a
 * profile adds the few that other tests would trip over
 * ({@code application-<profile>.properties}): {@code sso} (loopback providers over plain
 * HTTP), {@code limits} (small per-address and per-socket budgets), {@code quotas} (small
 * per-token, per-visitor and export quotas) and {@code short-tokens} (visitor tokens that
 * expire within a test).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IntegrationTestConfiguration.class)
@ActiveProfiles
@ExtendWith(IntegrationTestConfiguration.AfterEachTest.class)
public @interface IntegrationTest {

    /** The test profiles on top of the suite's settings. */
    @AliasFor(annotation = ActiveProfiles.class, attribute = "profiles")
    String[] profiles() default {};

}
