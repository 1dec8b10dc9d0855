package org.confidant.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/**
 * The widget loads on other people's websites, so it must stay tiny (loader ≤ 2 kB and
 * chat app ≤ 10 kB, gzip) and must never hand text to an HTML parser. Plain unit test:
 * reads the served assets from the classpath (the loader and the iframe document from
 * {@code /widget/}, which the widget's controller serves; the rest from
 * {@code /static/widget/}).
 */
class WidgetBudgetTests {

    private static final int LOADER_BUDGET = 2 * 1024;

    private static final int APP_BUDGET = 10 * 1024;

    private static final List<String> APP_FILES = List.of("frame.html", "app.js", "markdown.js", "app.css");

    private static final List<String> FORBIDDEN = List.of("innerHTML", "outerHTML", "insertAdjacentHTML",
            "document.write", "eval(");

    @Test
    void loaderAndAppStayWithinTheirGzipBudgets() throws IOException {
        int loader = gzippedSize("loader.js");
        System.out.printf("widget.loader.gzip %d bytes%n", loader);

        int app = 0;
        for (String file : APP_FILES) {
            int size = gzippedSize(file);
            System.out.printf("widget.%s.gzip %d bytes%n", file, size);
            app += size;
        }
        System.out.printf("widget.app.gzip %d bytes%n", app);

        assertThat(loader).as("loader.js, gzip").isLessThanOrEqualTo(LOADER_BUDGET);
        assertThat(app).as("frame.html + app.js + markdown.js + app.css, each gzipped").isLessThanOrEqualTo(APP_BUDGET);
    }

    @Test
    void scriptsUseNoHtmlParsingSinksOrEval() throws IOException {
        for (String file : List.of("loader.js", "app.js", "markdown.js")) {
            String source = new String(read(file), StandardCharsets.UTF_8);
            for (String sink : FORBIDDEN) {
                assertThat(source).as("%s must not use %s", file, sink).doesNotContain(sink);
            }
        }
    }

    private int gzippedSize(String file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(read(file));
        }
        return out.size();
    }

    private byte[] read(String file) throws IOException {
        String path = switch (file) {
            case "loader.js", "frame.html" -> "/widget/" + file;
            case "markdown.js" -> "/static/shared/" + file; // the dashboard renders
                                                            // messages with it too
            default -> "/static/widget/" + file;
        };
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as("%s on the classpath", path).isNotNull();
            return in.readAllBytes();
        }
    }

}
