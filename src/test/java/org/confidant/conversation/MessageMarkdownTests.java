package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The server's tokenizer against the shared cases, which the browser's
 * {@code /shared/markdown.js} must pass too ({@code e2e/XssCorpusEndToEndTests}): the two
 * cannot drift apart.
 */
class MessageMarkdownTests {

    @Test
    void everySharedCaseGivesItsSegments() throws IOException {
        List<Map<String, Object>> cases = MessageMarkdownTestSamples.cases();
        assertThat(cases).hasSizeGreaterThan(40);
        for (Map<String, Object> c : cases) {
            String input = (String) c.get("input");
            assertThat(MessageMarkdownTestSamples.asJson(MessageMarkdown.segments(input))).as("segments of %s", input)
                .isEqualTo(c.get("segments"));
        }
    }

    @Test
    void theSegmentsSayEveryCharacterOfTheInputExceptTheMarkup() {
        String input = "a **b** *c* `d` [e](https://example.com/f) _g_\nh";
        String said = MessageMarkdown.segments(input)
            .stream()
            .map(s -> s.kind() == MessageMarkdown.Kind.BREAK ? "\n" : s.text())
            .reduce("", String::concat);
        assertThat(said).isEqualTo("a b c d e g\nh");
    }

    @Test
    void onlyAbsoluteHttpHttpsAndMailtoUrlsAreLinks() {
        assertThat(MessageMarkdown.safeHref("https://example.com/a?b=c#d")).isEqualTo("https://example.com/a?b=c#d");
        assertThat(MessageMarkdown.safeHref("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080/");
        assertThat(MessageMarkdown.safeHref("mailto:a.b+c@example.com")).isEqualTo("mailto:a.b+c@example.com");
        for (String refused : List.of("javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
                "java\tscript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "ftp://example.com/",
                "//example.com/", "/path", "path", "https:example.com", "https://", "https://a b.com/",
                "https://example.com/\n", "https://user@example.com/", "https://exa%6Dple.com/",
                "https://xn--80ak6aa92e.com/", "https://EXAMPLE.xn--p1ai/", "https://пример.рф/",
                "https://example.com:65536/", "mailto:", "mailto:someone", "mailto:a@b.com\u202e",
                "https://example.com/<script>")) {
            assertThat(MessageMarkdown.safeHref(refused)).as(refused).isNull();
        }
    }

}
