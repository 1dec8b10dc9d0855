package org.confidant.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** File names from clients, made safe to store, show and download. */
class FileNamesTests {

    @Test
    void keepsOrdinaryNames() {
        assertThat(FileNames.normalise("Invoice 2024-03.pdf")).isEqualTo("Invoice 2024-03.pdf");
        assertThat(FileNames.normalise("Grüße aus Zürich.txt")).isEqualTo("Grüße aus Zürich.txt");
    }

    @Test
    void composesToNfc() {
        assertThat(FileNames.normalise("e\u0301te\u0301.txt")).isEqualTo("\u00e9t\u00e9.txt");
    }

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(FileNames.normalise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.normalise("C:\\Users\\ada\\photo.png")).isEqualTo("photo.png");
    }

    @Test
    void dropsControlAndBidiOverrideCharacters() {
        assertThat(FileNames.normalise("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(FileNames.normalise("a\u0000b\r\nc\u0007.txt")).isEqualTo("abc.txt");
        assertThat(FileNames.normalise("x\u2066y\u2069\u200B.txt")).isEqualTo("xy.txt");
    }

    @Test
    void replacesCharactersFileSystemsRefuseAndTrimsDotsAndSpaces() {
        assertThat(FileNames.normalise("what?*<>|\":.txt")).isEqualTo("what_______.txt");
        assertThat(FileNames.normalise("  ..hidden.txt. . ")).isEqualTo("hidden.txt");
    }

    @Test
    void fallsBackWhenNothingIsLeft() {
        assertThat(FileNames.normalise(null)).isEqualTo("file");
        assertThat(FileNames.normalise("")).isEqualTo("file");
        assertThat(FileNames.normalise("...")).isEqualTo("file");
        assertThat(FileNames.normalise("..")).isEqualTo("file");
        assertThat(FileNames.normalise("dir/")).isEqualTo("file");
        assertThat(FileNames.normalise("\u202E\u0000")).isEqualTo("file");
    }

    @Test
    void capsTheLengthAndKeepsTheExtension() {
        String name = FileNames.normalise("x".repeat(500) + ".pdf");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(FileNames.MAX_CODE_POINTS);
        assertThat(name).endsWith("x.pdf");
        String emoji = FileNames.normalise("\uD83D\uDE00".repeat(300));
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(FileNames.MAX_CODE_POINTS);
    }

    @Test
    void aNameWhoseExtensionDoesNotFitTheTypeGetsTheTypesExtension() {
        assertThat(ContentTypes.nameFor("invoice.exe", "image/png")).isEqualTo("invoice.exe.png");
        assertThat(ContentTypes.nameFor("photo.JPG", "image/jpeg")).isEqualTo("photo.JPG");
        assertThat(ContentTypes.nameFor("notes", "text/plain")).isEqualTo("notes.txt");
    }

}
