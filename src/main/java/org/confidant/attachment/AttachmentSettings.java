package org.confidant.attachment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Attachment limits, storage and scanning (every setting is in
 * {@code docs/operations.md}).
 *
 * @param maxSize the largest file accepted (default 10 MB); a larger upload is refused
 * while it streams
 * @param allowedTypes the content types accepted, as sniffed from the bytes; types that a
 * browser would run (HTML, SVG, XML, JavaScript) are refused at start-up even if listed
 * @param visitorDailyCount how many files one visitor may send in 24 hours
 * @param visitorDailySize how many bytes one visitor may send in 24 hours
 * @param linkLifetime how long a signed download link works (default 5 minutes)
 * @param directory where the local store keeps encrypted files (default
 * {@code attachments} in the data folder); unused when another {@code AttachmentStore}
 * bean is configured
 * @param incomingDirectory where uploads stream to while they are checked (deleted at
 * once after)
 * @param clamd malware scanning through clamd
 */
@ConfigurationProperties("confidant.attachments")
public record AttachmentSettings(@DefaultValue("10MB") DataSize maxSize, @DefaultValue( {
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
        "text/plain" }) List<String> allowedTypes, @DefaultValue("20") int visitorDailyCount,
        @DefaultValue("50MB") DataSize visitorDailySize, @DefaultValue("5m") Duration linkLifetime, Path directory,
        Path incomingDirectory, @DefaultValue Clamd clamd){

    public AttachmentSettings {
        allowedTypes = allowedTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
        for (String type : allowedTypes) {
            if (type.contains("html") || type.contains("xml") || type.contains("javascript")
                    || type.contains("ecmascript")) {
                throw new IllegalArgumentException(
                        "confidant.attachments.allowed-types may not allow " + type + ": a browser could run it");
            }
        }
        if (maxSize.toBytes() <= 0 || visitorDailyCount < 0 || linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException(
                    "confidant.attachments: sizes, counts and the link lifetime are positive");
        }
    }

    /**
     * clamd, the ClamAV daemon.
     *
     * @param enabled whether uploads are scanned (off by default); when on and clamd
     * cannot answer, uploads are refused (fail closed)
     * @param host clamd's TCP address (default 127.0.0.1), used when {@code socket} is
     * not set
     * @param port clamd's TCP port (default 3310)
     * @param socket clamd's unix socket (for example {@code /run/clamav/clamd.ctl});
     * takes precedence over TCP
     * @param timeout how long to wait for clamd to connect and to answer
     */
    public record Clamd(@DefaultValue("false") boolean enabled, @DefaultValue("127.0.0.1") String host,
            @DefaultValue("3310") int port, Path socket, @DefaultValue("30s") Duration timeout) {
    }
}
