package org.confidant.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes what an upload's name and bytes become (docs/fuzzing.md): a name is normalised
 * into a safe, short, well-formed one that normalises to itself; a file's type comes from
 * its bytes alone and is one of the allowed types, never markup or script, or the file is
 * refused.
 */
class FileNamesFuzzTests {

    private static final List<String> ALLOWED = List.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "application/pdf", "text/plain");

    private static final ContentTypes TYPES = new ContentTypes(ALLOWED);

    private static final Set<Integer> REFUSED_CHARACTERS = Set.of((int) '/', (int) '\\', (int) ':', (int) '*',
            (int) '?', (int) '"', (int) '<', (int) '>', (int) '|');

    private static Path scratch;

    @FuzzTest(maxDuration = "5s")
    void fileNames(String raw) {
        String name = FileNames.normalise(raw);
        assertThat(name).isNotEmpty();
        assertThat(Text.isWellFormed(name)).as("well-formed: %s", name).isTrue();
        assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(FileNames.MAX_CODE_POINTS);
        assertThat(name.codePoints()
            .noneMatch(c -> REFUSED_CHARACTERS.contains(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE))
            .as("characters of %s", name)
            .isTrue();
        assertThat(name).doesNotStartWith(".").doesNotStartWith(" ").doesNotEndWith(".").doesNotEndWith(" ");
        assertThat(FileNames.normalise(name)).as("normalising %s again", name).isEqualTo(name);
        String offered = ContentTypes.nameFor(name, "image/png");
        assertThat(offered.codePointCount(0, offered.length())).isLessThanOrEqualTo(FileNames.MAX_CODE_POINTS);
        // the extension is matched whatever its case ("PHOTO.PNG" keeps its name), as
        // browsers and systems match it
        assertThat(offered).endsWithIgnoringCase(".png");
    }

    @FuzzTest(maxDuration = "5s")
    void contentSniffing(byte[] content) throws IOException {
        if (scratch == null) {
            scratch = Files.createTempFile("confidant-sniff", ".bin");
        }
        Files.write(scratch, content);
        try {
            String type = TYPES.allowedTypeOf(scratch);
            assertThat(type).isIn(ALLOWED);
        }
        catch (Rejected refused) {
            assertThat(refused.code()).isEqualTo("attachment_type_not_allowed");
        }
    }

    @AfterAll
    static void removeScratch() throws IOException {
        if (scratch != null) {
            Files.deleteIfExists(scratch);
        }
    }

}
