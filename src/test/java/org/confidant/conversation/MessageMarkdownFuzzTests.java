package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.confidant.conversation.MessageMarkdown.Kind;
import org.confidant.conversation.MessageMarkdown.Segment;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the server's markdown tokenizer (docs/fuzzing.md): any text becomes segments
 * without an exception; every link's href is a safe link (http, https or mailto,
 * printable ASCII) whatever surrounds it; nothing is lost or invented: the segments'
 * characters, with the markup's own delimiters taken away, are the text's. The browser's
 * tokenizer must agree segment for segment: {@code XssCorpusEndToEndTests} runs this
 * target's committed inputs in Chromium against these segments.
 */
class MessageMarkdownFuzzTests {

    @FuzzTest(maxDuration = "5s")
    void segments(String text) {
        if (text == null) {
            return; // Jazzer's way of saying "no string"; a message is never null here
        }
        List<Segment> segments = MessageMarkdown.segments(text);
        assertThat(segments).isNotNull();
        StringBuilder shown = new StringBuilder();
        for (Segment segment : segments) {
            if (segment.kind() == Kind.BREAK) {
                assertThat(segment.text()).isNull();
                shown.append('\n');
                continue;
            }
            assertThat(segment.text()).as("text of %s", segment).isNotNull();
            shown.append(segment.text());
            if (segment.kind() == Kind.LINK) {
                String href = segment.href();
                assertThat(href).as("href of %s in %s", segment, text).isNotNull();
                assertThat(MessageMarkdown.safeHref(href)).isEqualTo(href);
                assertThat(href.toLowerCase()).matches("(https?://|mailto:).*");
                assertThat(href.chars().allMatch(c -> c > 0x20 && c < 0x7f)).isTrue();
            }
            else {
                assertThat(segment.href()).isNull();
            }
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        assertThat(normalised.length()).as("segments of %s", text).isGreaterThanOrEqualTo(shown.length());
        assertThat(isSubsequence(shown, normalised)).as("segments of %s are in order and in the text", text).isTrue();
    }

    /**
     * Whether the shown characters appear in the text in order (markup delimiters and
     * link URLs are dropped).
     */
    private static boolean isSubsequence(CharSequence shown, String text) {
        int at = 0;
        for (int i = 0; i < shown.length(); i++) {
            at = text.indexOf(shown.charAt(i), at);
            if (at < 0) {
                return false;
            }
            at++;
        }
        return true;
    }

}
