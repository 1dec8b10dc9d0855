package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.identity.Member;
import org.confidant.job.JobId;
import org.confidant.job.JobTestSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A job's page in headless Chromium, under the dashboard's CSP: its {@code <progress>}
 * bar fills while the job runs (htmx polls the status every second), shows the end once
 * it has finished, and then the page stops asking.
 */
@IntegrationTest
class JobProgressEndToEndTests {

    @Autowired
    Fixtures fixtures;

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String PROGRESS_REQUESTS = "return performance.getEntriesByType('resource')"
            + ".filter(e => e.name.endsWith('/progress')).length";

    private static final String SHOWN = "const bar = document.getElementById('job-progress');"
            + " const state = document.getElementById('job-state');"
            + " return bar && state ? [bar.value, state.textContent.trim()] : null";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private ChromeDriver browser;

    @BeforeAll
    static void browserIsInstalled() {
        Chromium.requireInstalled();
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            Chromium.quit(browser);
        }
    }

    @Test
    void theProgressBarFillsWhileTheJobRunsAndThePageStopsAskingOnceItHasFinished() throws InterruptedException {
        Member owner = fixtures.workspaceWithOwner();
        browser = Chromium.launch("--window-size=1280,900");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        browser.get(app("/login"));
        browser.findElement(By.name("username")).sendKeys(owner.email());
        browser.findElement(By.name("password")).sendKeys(Fixtures.PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/app/conversations"));
        JobId job = JobTestSamples.export(context, owner, 25, Duration.ofMillis(300));

        browser.findElement(By.linkText("Jobs")).click();
        wait.until(d -> d.findElement(By.cssSelector("#jobs tr[data-job='" + job + "'] a")).isDisplayed());
        browser.findElement(By.cssSelector("#jobs tr[data-job='" + job + "'] a")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/app/jobs/" + job));

        List<Integer> values = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            // bar and state read in one script, so both come from the same swap of the
            // status
            @SuppressWarnings("unchecked")
            List<Object> seen = (List<Object>) browser.executeScript(SHOWN);
            if (seen != null) {
                int value = (int) Double.parseDouble(String.valueOf(seen.get(0)));
                if (values.isEmpty() || values.getLast() != value) {
                    values.add(value);
                }
                if ("Succeeded".equals(seen.get(1))) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        assertThat(browser.findElement(By.id("job-state")).getText()).isEqualTo("Succeeded");
        assertThat(browser.findElement(By.id("job-progress")).getDomProperty("max")).isEqualTo("25");
        assertThat(values).as("the bar's values as the page showed them")
            .isSorted()
            .endsWith(25)
            .anySatisfy(value -> assertThat(value).isBetween(1, 24));
        assertThat(values.stream().distinct().count()).as("it moved, step by step").isGreaterThanOrEqualTo(3);
        assertThat(browser.findElement(By.id("job-percent")).getText()).isEqualTo("100%");
        assertThat(browser.findElements(By.id("cancel-job"))).as("nothing left to cancel").isEmpty();

        // finished: no trigger on the status any more, and no further requests for it
        assertThat(browser.findElement(By.id("job-status")).getDomAttribute("hx-trigger")).isNull();
        Thread.sleep(1_500); // a request still in flight when it finished lands
        long asked = (Long) browser.executeScript(PROGRESS_REQUESTS);
        Thread.sleep(3_000);
        assertThat((Long) browser.executeScript(PROGRESS_REQUESTS)).as("progress requests after the end")
            .isEqualTo(asked);
        assertThat(asked).as("it asked while the job ran (values " + values + ")").isGreaterThanOrEqualTo(3);
        assertThat(Chromium.severeConsoleEntries(browser)).as("console errors (CSP violations, failed requests)")
            .isEmpty();
        System.out.println("job page: progress values shown " + values + ", " + asked + " progress requests");
    }

    private String app(String path) {
        return "http://127.0.0.1:" + port + path;
    }

}
