package org.confidant.widget.web;

import org.confidant.shared.InboxId;

/**
 * The one tag a business puts on its website. {@code async}: it never blocks the page
 * from rendering. The loader's URL names its content hash, and {@code integrity} makes
 * the browser refuse any other bytes under it; {@code crossorigin="anonymous"} is what
 * lets the browser check them (the loader answers with
 * {@code Access-Control-Allow-Origin: *}).
 */
final class EmbedSnippet {

    private EmbedSnippet() {
    }

    static String of(String base, WidgetAssets assets, InboxId inbox) {
        return "<script async src=\"" + base + assets.loaderPath() + "\" integrity=\"" + assets.loaderIntegrity()
                + "\" crossorigin=\"anonymous\" data-confidant-inbox=\"" + inbox + "\"></script>";
    }

}
