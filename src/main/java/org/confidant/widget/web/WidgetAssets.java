package org.confidant.widget.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The widget's two documents that are not plain static files, read once at start-up: the
 * loader, served at a content-hashed URL whose SRI hash the embed snippet carries
 * (computed here from the exact bytes served), and the chat app's iframe document, served
 * with a per-inbox {@code frame-ancestors}.
 */
@Component
class WidgetAssets {

    private final byte[] loader;

    private final String loaderVersion;

    private final String loaderIntegrity;

    private final byte[] frame;

    WidgetAssets() {
        loader = read("widget/loader.js");
        loaderVersion = HexFormat.of().formatHex(digest("SHA-256", loader), 0, 8);
        loaderIntegrity = "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", loader));
        frame = read("widget/frame.html");
    }

    byte[] loader() {
        return loader.clone();
    }

    /**
     * The first 16 hex digits of the loader's SHA-256: the part of its URL that changes
     * with its content.
     */
    String loaderVersion() {
        return loaderVersion;
    }

    /**
     * The loader's path, which changes whenever its bytes do (so it may be cached for
     * good).
     */
    String loaderPath() {
        return "/widget/loader." + loaderVersion + ".js";
    }

    /**
     * The {@code integrity} attribute of the script tag: {@code sha384-} and the base64
     * of the loader's SHA-384.
     */
    String loaderIntegrity() {
        return loaderIntegrity;
    }

    byte[] frame() {
        return frame.clone();
    }

    private static byte[] read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException("The widget asset " + path + " is missing from the build", e);
        }
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

}
