package org.confidant.widget.web;

import org.confidant.shared.InboxId;

/** The one tag a business puts on its website. {@code async}: it never blocks the page from rendering. */
final class EmbedSnippet {

    private EmbedSnippet() {
    }

    static String of(String base, InboxId inbox) {
        return "<script async src=\"" + base + "/widget/loader.js\" data-confidant-inbox=\"" + inbox + "\"></script>";
    }
}
