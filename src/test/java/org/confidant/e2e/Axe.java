package org.confidant.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * axe-core (vendored into the test resources, see
 * {@code src/test/resources/axe/README.md}) run in a {@link Browser}'s current page: the
 * violations it finds, each as one line naming its rule, impact, help and the first
 * elements it concerns.
 */
final class Axe {

    private static final String SOURCE = load();

    private Axe() {
    }

    /** One violation of a rule on the page. */
    record Violation(String rule, String impact, String help, List<String> elements) {

        boolean seriousOrWorse() {
            return impact.equals("serious") || impact.equals("critical");
        }

        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + "): " + elements;
        }

    }

    /**
     * The violations of the whole document, run in the page's context (WebDriver's
     * scripts are not subject to the page's CSP, the page itself keeps it).
     */
    @SuppressWarnings("unchecked")
    static List<Violation> run(Browser browser) {
        browser.script(SOURCE + "\n;window.__axeLoaded = typeof axe === 'object';");
        Object result = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then((r) => done(r.violations.map((v) => ({ rule: v.id, impact: v.impact || 'none', help: v.help,
                    elements: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))))
                  .catch((e) => done('axe failed: ' + e));
                """);
        if (result instanceof String failure) {
            throw new AssertionError(failure);
        }
        return ((List<Map<String, Object>>) result).stream()
            .map(v -> new Violation((String) v.get("rule"), (String) v.get("impact"), (String) v.get("help"),
                    (List<String>) v.get("elements")))
            .toList();
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
