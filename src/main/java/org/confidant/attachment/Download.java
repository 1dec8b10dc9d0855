package org.confidant.attachment;

/** A decrypted attachment, ready to be served as a download. */
public record Download(String fileName, String contentType, byte[] content) {
}
