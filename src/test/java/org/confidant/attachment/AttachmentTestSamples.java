package org.confidant.attachment;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/** Files and HTTP calls for the attachment tests, built in code. */
final class AttachmentTestSamples {

    /**
     * The EICAR anti-virus test file: harmless, and recognised by every scanner as if it
     * were malware.
     */
    static final byte[] EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
        .getBytes(StandardCharsets.US_ASCII);
    static final byte[] HTML = ("<!DOCTYPE html>\n<html><head><title>x</title></head>"
            + "<body><script>alert(document.cookie)</script></body></html>\n")
        .getBytes(StandardCharsets.UTF_8);

    /** The start of a Linux x86-64 executable. */
    static final byte[] ELF = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0 };
    static final byte[] SVG = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
            + "width=\"10\" height=\"10\"><script>alert(document.cookie)</script></svg>\n")
        .getBytes(StandardCharsets.UTF_8);
    static final byte[] TEXT = "Order 1234 arrived damaged, photo to follow.\n".getBytes(StandardCharsets.UTF_8);

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private AttachmentTestSamples() {
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x2b50d8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A visitor's upload: the raw bytes, the token in its header. */
    static HttpResponse<String> visitorUpload(int port, String token, String name, byte[] content) {
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/widget/attachments?name="
                    + URLEncoder.encode(name, StandardCharsets.UTF_8)))
            .header("Content-Type", "text/html") // declared types are ignored
            .POST(HttpRequest.BodyPublishers.ofByteArray(content));
        if (token != null) {
            request.header("X-Visitor-Token", token);
        }
        return send(request);
    }

    static HttpResponse<String> visitorLink(int port, String token, String attachmentId) {
        return send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/widget/attachments/" + attachmentId + "/link"))
            .header("X-Visitor-Token", token)
            .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A download without any session: how a visitor's browser follows a link. */
    static HttpResponse<byte[]> anonymousGet(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every file under the folders (which need not exist): to show that a refusal left
     * nothing behind.
     */
    static Set<String> filesUnder(Path... roots) {
        Set<String> files = new TreeSet<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(p -> files.add(p.toString()));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
