package org.confidant.widget.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every language of the chat ({@link WidgetAssets#LANGUAGES}) has exactly the English
 * strings' keys, no empty value, the same {@code {placeholders}} in each string, and a
 * writing direction; and every key the chat's scripts and frame ask for is in English.
 * Plain unit test on the classpath's files.
 */
class WidgetLanguagesTests {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    /** {@code t('key'} in the scripts, {@code data-t="key attr:key"} in the frame. */
    private static final Pattern USED_IN_SCRIPTS = Pattern.compile("\\bt\\('(\\w+)'");

    private static final Pattern USED_IN_FRAME = Pattern.compile("data-t=\"([^\"]+)\"");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyLanguageHasExactlyTheEnglishKeysFilledWithTheSamePlaceholders() throws IOException {
        Map<String, String> english = strings("en");
        assertThat(english).as("English").isNotEmpty();
        for (String language : WidgetAssets.LANGUAGES) {
            Map<String, String> strings = strings(language);
            assertThat(strings.keySet()).as("the keys of %s", language)
                .containsExactlyInAnyOrderElementsOf(english.keySet());
            strings.forEach((key, value) -> {
                assertThat(value).as("%s of %s", key, language).isNotBlank();
                assertThat(placeholders(value)).as("the placeholders of %s in %s", key, language)
                    .isEqualTo(placeholders(english.get(key)));
            });
            assertThat(strings.get("dir")).as("the direction of %s", language).isIn("ltr", "rtl");
        }
        assertThat(strings("ar").get("dir")).isEqualTo("rtl");
    }

    @Test
    void everyKeyTheChatAsksForIsInEnglish() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String script : new String[] { "app.js", "consent.js", "attach.js", "card.js" }) {
            Matcher matcher = USED_IN_SCRIPTS.matcher(text("/static/widget/" + script));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        Matcher frame = USED_IN_FRAME.matcher(text("/widget/frame.html"));
        while (frame.find()) {
            for (String item : frame.group(1).split(" ")) {
                used.add(item.substring(item.indexOf(':') + 1));
            }
        }
        assertThat(used).as("keys used").contains("send", "heading", "accept", "fileFailed");
        assertThat(strings("en").keySet()).containsAll(used);
    }

    private Map<String, String> strings(String language) throws IOException {
        return json.readValue(text("/static/widget/i18n/" + language + ".json"), new TypeReference<>() {
        });
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private String text(String path) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as("%s on the classpath", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
