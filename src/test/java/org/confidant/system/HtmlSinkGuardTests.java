package org.confidant.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * User text never reaches an HTML parser or a code evaluator: none of our scripts
 * ({@code static/}, and the service worker in {@code app-shell/}) or templates
 * ({@code templates/}) uses an HTML-parsing sink, eval-like construct or Thymeleaf's
 * unescaped text. Vendored code (htmx, from its WebJar) is not in these folders.
 */
class HtmlSinkGuardTests {

    private static final List<Path> ROOTS = List.of(Path.of("src/main/resources/static"),
            Path.of("src/main/resources/app-shell"), Path.of("src/main/resources/templates"));

    private static final Map<String, Pattern> SINKS = Map.ofEntries(
            Map.entry("innerHTML", Pattern.compile("innerHTML")), Map.entry("outerHTML", Pattern.compile("outerHTML")),
            Map.entry("insertAdjacentHTML", Pattern.compile("insertAdjacentHTML")),
            Map.entry("document.write", Pattern.compile("document\\s*\\.\\s*write")),
            Map.entry("eval", Pattern.compile("\\beval\\s*\\(")),
            Map.entry("new Function", Pattern.compile("\\bnew\\s+Function\\b|\\bFunction\\s*\\(")),
            Map.entry("string timers", Pattern.compile("\\bset(?:Timeout|Interval)\\s*\\(\\s*['\"`]")),
            Map.entry("createContextualFragment", Pattern.compile("createContextualFragment")),
            Map.entry("DOMParser", Pattern.compile("DOMParser")), Map.entry("srcdoc", Pattern.compile("srcdoc")),
            Map.entry("th:utext", Pattern.compile("(?:th|data-th)[:-]utext")));

    @Test
    void ourScriptsAndTemplatesUseNoHtmlSinks() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(f -> f.toString().endsWith(".js") || f.toString().endsWith(".html")).forEach(files::add);
            }
        }
        assertThat(files).as("the scripts and templates to check")
            .anyMatch(f -> f.endsWith("widget/app.js"))
            .anyMatch(f -> f.endsWith("js/dashboard.js"))
            .anyMatch(f -> f.endsWith("shared/markdown.js"))
            .anyMatch(f -> f.endsWith("app-shell/sw.js"))
            .anyMatch(f -> f.endsWith("conversation/inbox.html"));
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            found.addAll(sinksIn(file.toString(), Files.readString(file)));
        }
        assertThat(found).as("HTML sinks in our scripts and templates").isEmpty();
    }

    @Test
    void theGuardFindsEverySink() {
        String bad = """
                a.innerHTML = x; b.outerHTML = y; c.insertAdjacentHTML('beforeend', z); document.write(z);
                eval(z); new Function('return 1'); setTimeout("go()", 1); range.createContextualFragment(z);
                new DOMParser(); frame.srcdoc = z; <p th:utext="${x}"></p>
                """;
        assertThat(sinksIn("sample", bad)).hasSize(SINKS.size());
        assertThat(sinksIn("sample",
                "node.textContent = text; setTimeout(connect, 10); evaluate(x);" + " <ul hx-swap=\"outerHTML\">"))
            .isEmpty();
    }

    /**
     * htmx swaps in fragments of our own templates (escaped by Thymeleaf, scripts off):
     * not a sink for user text.
     */
    private static final Pattern HTMX_SWAP = Pattern.compile("hx-swap=\"(?:inner|outer)HTML\"");

    private static List<String> sinksIn(String name, String source) {
        String checked = HTMX_SWAP.matcher(source).replaceAll("");
        List<String> found = new ArrayList<>();
        SINKS.forEach((sink, pattern) -> {
            if (pattern.matcher(checked).find()) {
                found.add(name + " uses " + sink);
            }
        });
        return found;
    }

}
