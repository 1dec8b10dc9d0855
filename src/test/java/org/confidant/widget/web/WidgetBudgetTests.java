package org.confidant.widget.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/**
 * The widget loads on other people's websites, so it must stay tiny and must never hand
 * text to an HTML parser: the loader ≤ 2 kB gzip, the core that opens and shows a
 * conversation (the iframe document as served, with its import map, and
 * {@link WidgetAssets#CORE}) ≤ 10 kB gzip, each chunk ({@link WidgetAssets#CHUNKS}, one
 * language's strings among them) ≤ 6 kB gzip, and no file under {@code /static/widget/}
 * that is neither (nothing served that the frame's import map does not pin). Plain unit
 * test on the classpath's files.
 */
class WidgetBudgetTests {

    private static final int LOADER_BUDGET = 2 * 1024;

    private static final int CORE_BUDGET = 10 * 1024;

    private static final int CHUNK_BUDGET = 6 * 1024;

    private static final List<String> FORBIDDEN = List.of("innerHTML", "outerHTML", "insertAdjacentHTML",
            "document.write", "eval(");

    private final WidgetAssets assets = new WidgetAssets();

    @Test
    void loaderCoreAndEachChunkStayWithinTheirGzipBudgets() throws IOException {
        int loader = gzippedSize(read("/widget/loader.js"));
        System.out.printf("widget.loader.gzip %d bytes%n", loader);

        int frame = 0;
        for (String language : WidgetAssets.LANGUAGES) {
            frame = Math.max(frame, gzippedSize(assets.frame(language, null).bytes()));
        }
        System.out.printf("widget.frame (as served, largest language).gzip %d bytes%n", frame);
        int core = frame;
        for (String file : WidgetAssets.CORE) {
            int size = gzippedSize(read("/static" + file));
            System.out.printf("widget.%s.gzip %d bytes%n", file, size);
            core += size;
        }
        System.out.printf("widget.core.gzip %d bytes%n", core);

        assertThat(loader).as("loader.js, gzip").isLessThanOrEqualTo(LOADER_BUDGET);
        assertThat(core).as("the frame as served + %s, each gzipped", WidgetAssets.CORE)
            .isLessThanOrEqualTo(CORE_BUDGET);
        for (String chunk : WidgetAssets.CHUNKS) {
            int size = gzippedSize(read("/static" + chunk));
            System.out.printf("widget.chunk %s.gzip %d bytes%n", chunk, size);
            assertThat(size).as("%s, gzip", chunk).isLessThanOrEqualTo(CHUNK_BUDGET);
        }
    }

    @Test
    void everyWidgetFileIsCoreOrAListedChunk() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/static/widget").toURI());
        List<String> served = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                .forEach(file -> served.add("/widget/" + root.relativize(file).toString().replace('\\', '/')));
        }
        List<String> listed = Stream.concat(WidgetAssets.CORE.stream(), WidgetAssets.CHUNKS.stream())
            .filter(path -> path.startsWith("/widget/"))
            .toList();
        assertThat(served).as("the files under /static/widget/").containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void eachLanguagesFramePinsEveryModuleAndOnlyItsOwnStrings() {
        for (String language : WidgetAssets.LANGUAGES) {
            WidgetAssets.Frame frame = assets.frame(language, null);
            assertThat(new String(frame.bytes(), StandardCharsets.UTF_8)).as(language)
                .contains("<html lang=\"" + language + "\" dir=\"" + (language.equals("ar") ? "rtl" : "ltr") + "\">")
                .contains("<script type=\"importmap\">" + frame.importMap() + "</script>")
                .containsPattern(
                        "<link rel=\"stylesheet\" href=\"/widget/app\\.css\\?v=[0-9a-f]{12}\" integrity=\"sha384-")
                .containsPattern(
                        "<script type=\"module\" src=\"/widget/app\\.js\\?v=[0-9a-f]{12}\" integrity=\"sha384-");
            for (String module : List.of("/widget/app.js", "/shared/markdown.js", "/widget/consent.js",
                    "/widget/attach.js", "/widget/card.js", "/widget/i18n/" + language + ".json")) {
                String versioned = module.replace(".", "\\.") + "\\?v=[0-9a-f]{12}";
                assertThat(frame.importMap()).as("%s in the %s frame", module, language)
                    .containsPattern("\"" + module.replace(".", "\\.") + "\":\"" + versioned + "\"")
                    .containsPattern("\"" + versioned + "\":\"sha384-[A-Za-z0-9+/]{64}\"");
            }
            assertThat(frame.importMap().split("/widget/i18n/", -1)).as("strings in the %s frame", language).hasSize(4);
            assertThat(frame.importMapHash()).matches("'sha256-[A-Za-z0-9+/]{43}='");
        }
    }

    @Test
    void theFrameSpeaksTheInboxsLanguageElseTheBrowsersFirstSupportedElseEnglish() {
        assertThat(lang(null, "de-CH,de;q=0.9,en;q=0.8")).isEqualTo("de");
        assertThat(lang(null, "pt-BR")).isEqualTo("pt");
        assertThat(lang(null, "tlh,ja;q=0.5,fr;q=0.7")).isEqualTo("fr");
        assertThat(lang(null, "tlh")).isEqualTo("en");
        assertThat(lang(null, null)).isEqualTo("en");
        assertThat(lang(null, ";;;q=x")).isEqualTo("en");
        assertThat(lang("ar", "de")).isEqualTo("ar");
        assertThat(lang("xx", "sv")).isEqualTo("sv");
    }

    private String lang(String fixed, String acceptLanguage) {
        String page = new String(assets.frame(fixed, acceptLanguage).bytes(), StandardCharsets.UTF_8);
        return page.substring(page.indexOf("<html lang=\"") + 12, page.indexOf("\" dir="));
    }

    @Test
    void scriptsUseNoHtmlParsingSinksOrEval() throws IOException {
        List<String> scripts = new ArrayList<>(List.of("/widget/loader.js"));
        Stream.concat(WidgetAssets.CORE.stream(), WidgetAssets.CHUNKS.stream())
            .filter(file -> file.endsWith(".js"))
            .forEach(file -> scripts.add("/static" + file));
        for (String file : scripts) {
            String source = new String(read(file), StandardCharsets.UTF_8);
            for (String sink : FORBIDDEN) {
                assertThat(source).as("%s must not use %s", file, sink).doesNotContain(sink);
            }
        }
    }

    private static int gzippedSize(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }

    private byte[] read(String path) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as("%s on the classpath", path).isNotNull();
            return in.readAllBytes();
        }
    }

}
