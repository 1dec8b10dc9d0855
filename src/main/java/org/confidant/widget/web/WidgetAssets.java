package org.confidant.widget.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.confidant.inbox.WidgetLanguages;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The widget's two documents that are not plain static files, read once at start-up: the
 * loader, served at a content-hashed URL whose SRI hash the embed snippet carries
 * (computed here from the exact bytes served), and the chat app's iframe document, served
 * with a per-inbox {@code frame-ancestors}.
 *
 * <p>
 * <b>Core and chunks</b> ({@code docs/adr/widget-chunks.md}). The chat app is the
 * {@link #CORE} files, which open and show a conversation, and the {@link #CHUNKS}, ES
 * and JSON modules it imports only when needed (the consent notice, files, the card
 * number warning, and one language's strings), all static files on Confidant's origin.
 * The iframe document written here, one per language, names each file at a URL versioned
 * by its content ({@code ?v=} and the first hex digits of its SHA-384) and pins it to its
 * SHA-384: the stylesheet and the app's script by their {@code integrity} attributes,
 * every module the app may import by the import map's {@code integrity} section, so the
 * browser refuses any byte that differs from what was read here. Of the strings, only the
 * document's own language is in its import map. The import map is the document's one
 * inline script, allowed by its hash in the frame's {@code script-src}
 * ({@link Frame#importMapHash()}).
 */
@Component
class WidgetAssets {

    /**
     * The chat's languages, each with its strings as a chunk
     * {@code /widget/i18n/<tag>.json}; the first is the default.
     */
    static final List<String> LANGUAGES = WidgetLanguages.SUPPORTED;

    /** What the chat needs to open and show a conversation, as served. */
    static final List<String> CORE = List.of("/widget/app.js", "/shared/markdown.js", "/widget/app.css");

    /** What the chat loads only when needed, as served. */
    static final List<String> CHUNKS = Stream
        .concat(Stream.of("/widget/consent.js", "/widget/attach.js", "/widget/card.js"),
                LANGUAGES.stream().map(WidgetAssets::strings))
        .toList();

    private static final String HTML = "<html>";

    private static final String STYLESHEET = "<link rel=\"stylesheet\" href=\"/widget/app.css\">";

    private static final String SCRIPT = "<script type=\"module\" src=\"/widget/app.js\"></script>";

    private final byte[] loader;

    private final String loaderVersion;

    private final String loaderIntegrity;

    private final Map<String, Frame> frames = new LinkedHashMap<>();

    WidgetAssets() {
        loader = read("widget/loader.js");
        loaderVersion = HexFormat.of().formatHex(digest("SHA-256", loader), 0, 8);
        loaderIntegrity = integrity(loader);
        Map<String, String> versioned = new LinkedHashMap<>();
        Map<String, String> integrity = new LinkedHashMap<>();
        for (String path : Stream.concat(CORE.stream(), CHUNKS.stream()).toList()) {
            byte[] bytes = read("static" + path);
            versioned.put(path, path + "?v=" + HexFormat.of().formatHex(digest("SHA-384", bytes), 0, 6));
            integrity.put(path, integrity(bytes));
        }
        String page = new String(read("widget/frame.html"), StandardCharsets.UTF_8);
        if (!page.contains(HTML) || !page.contains(STYLESHEET) || !page.contains(SCRIPT)) {
            throw new IllegalStateException("frame.html must have " + HTML + ", " + STYLESHEET + " and " + SCRIPT);
        }
        JsonMapper json = JsonMapper.builder().build();
        for (String language : LANGUAGES) {
            Map<String, String> imports = new LinkedHashMap<>();
            Map<String, String> pins = new LinkedHashMap<>();
            for (String module : Stream
                .concat(Stream.of("/widget/app.js", "/shared/markdown.js"),
                        CHUNKS.stream()
                            .filter(chunk -> !chunk.startsWith("/widget/i18n/") || chunk.equals(strings(language))))
                .toList()) {
                imports.put(module, versioned.get(module));
                pins.put(versioned.get(module), integrity.get(module));
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("imports", imports);
            map.put("integrity", pins);
            String importMap = json.writeValueAsString(map);
            String direction = json.readTree(read("static" + strings(language))).get("dir").asString();
            String css = versioned.get("/widget/app.css");
            String app = versioned.get("/widget/app.js");
            byte[] document = page.replace(HTML, "<html lang=\"" + language + "\" dir=\"" + direction + "\">")
                .replace(STYLESHEET,
                        "<link rel=\"stylesheet\" href=\"" + css + "\" integrity=\"" + integrity.get("/widget/app.css")
                                + "\">")
                .replace(SCRIPT,
                        "<script type=\"importmap\">" + importMap + "</script>\n<script type=\"module\" src=\"" + app
                                + "\" integrity=\"" + integrity.get("/widget/app.js") + "\"></script>")
                .getBytes(StandardCharsets.UTF_8);
            frames.put(language,
                    new Frame(document, importMap,
                            "'sha256-"
                                    + Base64.getEncoder()
                                        .encodeToString(digest("SHA-256", importMap.getBytes(StandardCharsets.UTF_8)))
                                    + "'"));
        }
    }

    byte[] loader() {
        return loader.clone();
    }

    /**
     * The first 16 hex digits of the loader's SHA-256: the part of its URL that changes
     * with its content.
     */
    String loaderVersion() {
        return loaderVersion;
    }

    /**
     * The loader's path, which changes whenever its bytes do (so it may be cached for
     * good).
     */
    String loaderPath() {
        return "/widget/loader." + loaderVersion + ".js";
    }

    /**
     * The {@code integrity} attribute of the script tag: {@code sha384-} and the base64
     * of the loader's SHA-384.
     */
    String loaderIntegrity() {
        return loaderIntegrity;
    }

    /**
     * The iframe document in the inbox's language if it fixes one ({@code fixed}, else
     * {@code auto} or null), else in the first of the browser's languages
     * ({@code Accept-Language}, by weight; {@code pt-BR} is {@code pt}) the chat speaks,
     * else in English.
     */
    Frame frame(@Nullable String fixed, @Nullable String acceptLanguage) {
        if (fixed != null && frames.containsKey(fixed)) {
            return frames.get(fixed);
        }
        String chosen = null;
        try {
            chosen = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage == null ? "" : acceptLanguage),
                    LANGUAGES);
        }
        catch (IllegalArgumentException malformed) {
            // a header no browser sends: English
        }
        return frames.get(chosen == null ? LANGUAGES.getFirst() : chosen.toLowerCase(Locale.ROOT));
    }

    /**
     * One language's iframe document.
     *
     * @param bytes the document as served
     * @param importMap the text of its import map
     * @param importMapHash the {@code script-src} source that allows its import map and
     * no other inline script: {@code 'sha256-} and the base64 of its SHA-256
     */
    record Frame(byte[] bytes, String importMap, String importMapHash) {
    }

    private static String strings(String language) {
        return "/widget/i18n/" + language + ".json";
    }

    /** An SRI {@code integrity} value: {@code sha384-} and the base64 of the SHA-384. */
    private static String integrity(byte[] bytes) {
        return "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes));
    }

    private static byte[] read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException("The widget asset " + path + " is missing from the build", e);
        }
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

}
