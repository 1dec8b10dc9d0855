package org.confidant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PrivacyFilterTests {

    @Test
    void detailsNamedLikeSecretsLongTextAndTokenShapesAreWithheld() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("password", "correct horse battery staple");
        details.put("new_password", "hunter2");
        details.put("apiToken", "ct_live_abc");
        details.put("recovery_code", "1234-5678");
        details.put("session_id", "ABCDEF");
        details.put("client_secret", "s");
        details.put("body", "hello");
        details.put("note", "x".repeat(201));
        details.put("reference", "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6");
        details.put("role", "manager");
        details.put("inbox", UUID.randomUUID().toString());
        details.put("count", "12");
        details.put("until", "2026-11-22T01:00:00Z");
        details.put("Bad Key!", "dropped");
        Map<String, String> kept = PrivacyFilter.details(details);
        assertThat(kept).containsEntry("password", PrivacyFilter.WITHHELD)
            .containsEntry("new_password", PrivacyFilter.WITHHELD)
            .containsEntry("apiToken", PrivacyFilter.WITHHELD)
            .containsEntry("recovery_code", PrivacyFilter.WITHHELD)
            .containsEntry("session_id", PrivacyFilter.WITHHELD)
            .containsEntry("client_secret", PrivacyFilter.WITHHELD)
            .containsEntry("body", PrivacyFilter.WITHHELD)
            .containsEntry("note", PrivacyFilter.WITHHELD)
            .containsEntry("reference", PrivacyFilter.WITHHELD)
            .containsEntry("role", "manager")
            .containsEntry("count", "12")
            .containsEntry("until", "2026-11-22T01:00:00Z")
            .containsEntry("inbox", details.get("inbox"))
            .doesNotContainKey("Bad Key!");
    }

    @Test
    void freeTextKeepsWordsVersionsAndIdsButNotTokens() {
        String agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109 Safari/537.36";
        assertThat(PrivacyFilter.text(agent, 200)).isEqualTo(agent);
        String id = UUID.randomUUID().toString();
        assertThat(PrivacyFilter.text("member:" + id, 200)).isEqualTo("member:" + id);
        assertThat(PrivacyFilter.text("curl/8 eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
                200))
            .isEqualTo("curl/8 [withheld].[withheld].[withheld]");
        assertThat(PrivacyFilter.text("token 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 200))
            .isEqualTo("token [withheld]");
        assertThat(PrivacyFilter.text("line\nbreak", 200)).isEqualTo("line break");
        assertThat(PrivacyFilter.text("abcdef", 3)).isEqualTo("abc");
    }

}
