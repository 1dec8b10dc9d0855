package org.confidant.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One named headless {@link Chromium} of an end-to-end test (a visitor, an agent), with a
 * patient wait for what the page does next and the small conveniences the tests share.
 * {@link #close()} quits it and removes its profile.
 */
public final class Browser implements AutoCloseable {

    final String name;

    final ChromeDriver driver;

    final WebDriverWait wait;

    /**
     * A browser 1280 by 900 pixels large; {@code arguments} are further Chromium
     * switches.
     */
    public Browser(String name, Duration patience, String... arguments) {
        this.name = name;
        String[] all = new String[arguments.length + 1];
        all[0] = "--window-size=1280,900";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        this.driver = Chromium.launch(all);
        this.wait = new WebDriverWait(driver, patience);
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        driver.manage().timeouts().scriptTimeout(patience);
    }

    /** Waits until the condition holds, failing with what this browser waited for. */
    void until(String what, Function<WebDriver, Boolean> condition) {
        wait.withMessage(() -> name + " waited for " + what).until(condition::apply);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    String string(String script, Object... arguments) {
        return (String) script(script, arguments);
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String script, Object... arguments) {
        return (List<String>) script(script, arguments);
    }

    void screenshot(String path) {
        try {
            Files.write(Path.of(path), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The errors the browser's console reported so far (failed requests, script errors,
     * CSP violations), but for the favicon Chromium asks every site for; every entry is
     * printed, named after this browser.
     */
    List<String> severeConsoleEntries() {
        return Chromium.severeConsoleEntries(driver)
            .stream()
            .peek(entry -> System.out.println("[" + name + " console] " + entry))
            .filter(entry -> !entry.contains("/favicon.ico "))
            .toList();
    }

    @Override
    public void close() {
        try {
            Chromium.quit(driver);
        }
        catch (RuntimeException e) {
            System.err.println("could not quit the " + name + " browser: " + e);
        }
    }

}
