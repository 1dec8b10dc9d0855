package org.confidant.system;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.confidant.shared.Text;
import org.springframework.modulith.NamedInterface;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Why a JSON body was refused, in words for the client and a field name, read from the
 * strict reader's exception (see {@link StrictJson}): an unknown field, a key given
 * twice, a value of the wrong JSON type, or JSON that does not parse. What it repeats of
 * the client's input is made printable and short first.
 *
 * @param field the dotted path of the field concerned ({@code text},
 * {@code items[2].name}), or null
 * @param reason one sentence for the client, and the one line the log keeps
 */
@NamedInterface("api")
public record BadJson(@Nullable String field, String reason) {

    private static final int MAX_FIELD_CHARS = 64;

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object property|field) \"(.*?)\"",
            Pattern.DOTALL);

    /**
     * Describes the first Jackson exception in the cause chain, or says the body is not
     * JSON.
     */
    public static BadJson of(Throwable refusal) {
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                String field = path(unknown.getPath());
                return new BadJson(field, "The body has a field \"" + field + "\" that this call does not take.");
            }
            if (cause instanceof MismatchedInputException mismatched) {
                String field = path(mismatched.getPath());
                return field == null ? new BadJson(null, "The body is not the JSON object this call takes.")
                        : new BadJson(field, "The field \"" + field + "\" has the wrong JSON type or value.");
            }
            if (cause instanceof StreamReadException read) {
                Matcher duplicate = DUPLICATE.matcher(String.valueOf(read.getOriginalMessage()));
                if (duplicate.find()) {
                    String field = shown(duplicate.group(1));
                    return new BadJson(field, "The body has the field \"" + field + "\" more than once.");
                }
                return new BadJson(null, "The body is not well-formed JSON.");
            }
            if (cause instanceof JacksonException other && !other.getPath().isEmpty()) {
                String field = path(other.getPath());
                return new BadJson(field, "The field \"" + field + "\" could not be read.");
            }
        }
        return new BadJson(null, "The body is not the JSON this call takes.");
    }

    private static String path(List<JacksonException.Reference> references) {
        if (references == null || references.isEmpty()) {
            return null;
        }
        String path = references.stream()
            .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
        return shown(path);
    }

    /**
     * A client's field name as a problem or log line may repeat it: well-formed,
     * printable, short.
     */
    private static String shown(String name) {
        String printable = Text.replaceMalformed(name)
            .codePoints()
            .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
            .limit(MAX_FIELD_CHARS)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
        return printable;
    }
}
