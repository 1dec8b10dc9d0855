package org.confidant.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The markdown cases shared by the server's tokenizer ({@link MessageMarkdownTests}) and
 * the browser's ({@code e2e/XssCorpusEndToEndTests}), and segments in the JS module's
 * JSON shape.
 */
public final class MessageMarkdownTestSamples {

    private MessageMarkdownTestSamples() {
    }

    /**
     * The shared cases: input and the segments both tokenizers must produce, in the JS
     * module's JSON shape.
     */
    public static List<Map<String, Object>> cases() throws IOException {
        try (InputStream in = MessageMarkdownTests.class.getResourceAsStream("/markdown/markdown-cases.json")) {
            return JsonMapper.builder().build().readValue(in, new TypeReference<>() {
            });
        }
    }

    /**
     * The committed inputs of {@link MessageMarkdownFuzzTests} (its seeds and every crash
     * a fuzzing run found), as text: the browser's tokenizer must agree with the server's
     * on them too.
     */
    public static List<String> fuzzInputs() throws IOException {
        URL folder = MessageMarkdownTestSamples.class.getResource("MessageMarkdownFuzzTestsInputs/segments");
        if (folder == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            List<String> inputs = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                inputs.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            return inputs;
        }
        catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** Segments in the shape of the JS module's output. */
    public static List<Map<String, String>> asJson(List<MessageMarkdown.Segment> segments) {
        return segments.stream().map(segment -> {
            Map<String, String> json = new LinkedHashMap<>();
            json.put("kind", segment.kind().name().toLowerCase(Locale.ROOT));
            if (segment.text() != null) {
                json.put("text", segment.text());
            }
            if (segment.href() != null) {
                json.put("href", segment.href());
            }
            return json;
        }).toList();
    }

}
