package org.confidant.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * widget weight: the loader (at the content-hashed URL the inbox's demo page names) and the iframe app (the inbox's
 * frame document + app.js + app.css) as the running server serves them, each gzipped on its own (what a browser
 * downloads with gzip transfer encoding).
 */
final class WidgetScenario {

    private static final Pattern LOADER = Pattern.compile("src=\"https?://[^/\"]+(/widget/loader\\.[0-9a-f]+\\.js)\"");

    private final Bench bench;

    WidgetScenario(Bench bench) {
        this.bench = bench;
    }

    void run() throws IOException {
        Dashboard browser = new Dashboard(bench.server.base());
        String inbox = bench.workspace.inbox;
        Matcher src = LOADER.matcher(new String(fetch(browser, "/demo/" + inbox).body(), StandardCharsets.UTF_8));
        if (!src.find()) {
            throw new IllegalStateException("no loader on the demo page");
        }
        String loaderPath = src.group(1);
        int loader = gzipped(browser, loaderPath);
        int app = 0;
        int raw = 0;
        for (String path : List.of("/widget/frame?inbox=" + inbox, "/widget/app.js", "/widget/app.css")) {
            app += gzipped(browser, path);
            raw += fetch(browser, path).body().length;
        }
        bench.results.add("widget.loader_gzip", loader, "bytes");
        bench.results.add("widget.app_gzip", app, "bytes");
        bench.results.add("widget.app_raw", raw, "bytes");
        HttpResponse<byte[]> r = fetch(browser, loaderPath);
        bench.results.detail("widget.loader_served_encoding", r.headers().firstValue("Content-Encoding").orElse("identity"));
    }

    private static HttpResponse<byte[]> fetch(Dashboard browser, String path) {
        HttpResponse<byte[]> r = browser.asset(path);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": HTTP " + r.statusCode());
        }
        return r;
    }

    private static int gzipped(Dashboard browser, String path) throws IOException {
        byte[] body = fetch(browser, path).body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.size();
    }
}
