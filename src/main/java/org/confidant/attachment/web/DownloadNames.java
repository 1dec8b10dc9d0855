package org.confidant.attachment.web;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with a file name every browser reads safely
 * (RFC 6266): a plain ASCII {@code filename} fallback, quoted, with anything outside
 * printable ASCII or special inside quotes replaced by {@code _}; and the real name as
 * {@code filename*} in UTF-8, percent-encoded outside RFC 5987's attr-chars.
 */
final class DownloadNames {

    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private DownloadNames() {
    }

    static String contentDisposition(String name) {
        StringBuilder fallback = new StringBuilder();
        name.codePoints()
            .forEach(c -> fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append((char) c);
            }
            else {
                encoded.append('%')
                    .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }

}
