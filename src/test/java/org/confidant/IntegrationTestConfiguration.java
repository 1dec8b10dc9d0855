package org.confidant;

import org.confidant.access.AccessManagement;
import org.confidant.api.ApiTokenManagement;
import org.confidant.identity.AccountManagement;
import org.confidant.inbox.InboxManagement;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** The beans every {@link IntegrationTest} adds to the application. */
@TestConfiguration(proxyBeanMethods = false)
public class IntegrationTestConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    PublishedEvents publishedEvents() {
        return new PublishedEvents();
    }

    @Bean
    Fixtures fixtures(WorkspaceManagement workspaces, AccountManagement accounts, AccessManagement access,
            InboxManagement inboxes, ApiTokenManagement tokens) {
        return new Fixtures(workspaces, accounts, access, inboxes, tokens);
    }

    /** After each test: the clock back on time, the recorded events forgotten. */
    static final class AfterEachTest implements AfterEachCallback {

        @Override
        public void afterEach(ExtensionContext extension) {
            ApplicationContext context = SpringExtension.getApplicationContext(extension);
            context.getBean(TestClock.class).reset();
            context.getBean(PublishedEvents.class).clear();
        }

    }

}
