package org.confidant.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.system.StrictJson;

import com.code_intelligence.jazzer.junit.FuzzTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the socket frame parser and every frame type's binding (docs/fuzzing.md) with
 * the application's strict mapper: any text either binds, or is refused with
 * {@code bad_frame} or {@code malformed_text}, never another exception; a refusal's error
 * frame can always be sent; what binds is well-formed and exactly what the frame held (no
 * coercion).
 */
class FramesFuzzTests {

    private static final Frames FRAMES = new Frames(StrictJson.configure(JsonMapper.builder()).build());

    private static final List<Class<?>> TYPES = List.of(ClientFrames.Ping.class, ClientFrames.Hello.class,
            ClientFrames.Catchup.class, ClientFrames.Send.class, ClientFrames.VisitorSend.class,
            ClientFrames.Read.class);

    private static final Set<String> CODES = Set.of("bad_frame", "malformed_text");

    @FuzzTest(maxDuration = "5s")
    void frames(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode frame;
        try {
            frame = FRAMES.parse(text);
            Frames.requireWellFormed(frame);
        }
        catch (Rejected refused) {
            assertRefusal(refused, null);
            return;
        }
        String clientMsgId = Frames.clientMsgIdOf(frame);
        assertThat(clientMsgId == null || clientMsgId.matches("[A-Za-z0-9_-]{1,64}")).isTrue();
        for (Class<?> type : TYPES) {
            Object bound;
            try {
                bound = FRAMES.bind(frame, type);
            }
            catch (Rejected refused) {
                assertRefusal(refused, clientMsgId);
                continue;
            }
            if (bound instanceof ClientFrames.Send send) {
                assertExact(frame, "text", send.text());
                assertExact(frame, "clientMsgId", send.clientMsgId());
                assertExact(frame, "conversation", send.conversation());
            }
            else if (bound instanceof ClientFrames.VisitorSend send) {
                assertExact(frame, "text", send.text());
                assertExact(frame, "clientMsgId", send.clientMsgId());
            }
            else if (bound instanceof ClientFrames.Hello hello) {
                assertExact(frame, "token", hello.token());
                assertExact(frame, "identity", hello.identity());
            }
            else if (bound instanceof ClientFrames.Catchup catchup && catchup.after() != null) {
                assertThat(frame.get("after").isIntegralNumber()).as("after bound from %s", text).isTrue();
                assertThat(frame.get("after").longValue()).isEqualTo(catchup.after());
            }
        }
    }

    private static void assertRefusal(Rejected refused, String clientMsgId) {
        assertThat(refused.code()).isIn(CODES);
        String error = FRAMES.error(refused.code(), refused.getMessage(), clientMsgId);
        assertThat(Text.isWellFormed(error)).as("the error frame can be sent").isTrue();
    }

    /**
     * A bound text field is the frame's string, unchanged, or absent/null: never a
     * coerced number or boolean.
     */
    private static void assertExact(JsonNode frame, String field, String bound) {
        JsonNode value = frame.get(field);
        if (bound == null) {
            assertThat(value == null || value.isNull()).as("%s bound as null from %s", field, value).isTrue();
        }
        else {
            assertThat(value.isString()).as("%s bound from %s", field, value).isTrue();
            assertThat(bound).isEqualTo(value.stringValue());
            assertThat(Text.isWellFormed(bound)).isTrue();
        }
    }

}
