package org.confidant.audit.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.confidant.access.Grants;
import org.confidant.audit.AuditEntry;
import org.confidant.audit.AuditFilter;
import org.confidant.audit.AuditLog;
import org.confidant.shared.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit page ({@code /app/audit}), for members holding {@code audit.read}: the log
 * newest first, filtered by actor, action, target and time, paged by sequence number
 * (keyset: as fast deep in a million entries as on the first page); exports as CSV or
 * JSON Lines (streamed, capped, and themselves recorded); and the chain's verification.
 */
@Controller
class AuditController {

    private static final int EXPORT_BATCH = 1_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditLog log;

    private final Clock clock;

    AuditController(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @GetMapping("/app/audit")
    String page(Grants me, @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String before, Model model) {
        AuditFilter filter = AuditFilter.parse(actor, action, target, from, to);
        List<AuditEntry> entries = log.page(me, filter, sequence(before));
        model.addAttribute("filter", filter.asParameters());
        model.addAttribute("entries", entries);
        model.addAttribute("hex", HexFormat.of());
        if (entries.size() == AuditLog.PAGE_SIZE && entries.getLast().sequence() > 1) {
            model.addAttribute("olderLink",
                    link("/app/audit", filter, "before", Long.toString(entries.getLast().sequence())));
        }
        model.addAttribute("csvLink", link("/app/audit/export", filter, "format", "csv"));
        model.addAttribute("jsonLinesLink", link("/app/audit/export", filter, "format", "jsonl"));
        return "audit/audit";
    }

    /** Verifying walks the whole chain: asked for, not done on every page view. */
    @GetMapping("/app/audit/verification")
    String verification(Grants me, Model model) {
        model.addAttribute("verification", log.verify(me));
        return page(me, null, null, null, null, null, null, model);
    }

    @GetMapping("/app/audit/export")
    void export(Grants me, @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        if (!format.equals("csv") && !format.equals("jsonl")) {
            throw new Rejected("bad_format", "The export format is csv or jsonl.");
        }
        AuditFilter filter = AuditFilter.parse(actor, action, target, from, to);
        AuditLog.Export export = log.startExport(me, filter, format);
        boolean csv = format.equals("csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(csv ? "text/csv" : "application/jsonl");
        response.setHeader("Content-Disposition",
                "attachment; filename=\"audit-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + "." + format + "\"");
        Writer out = response.getWriter();
        if (csv) {
            out.write("sequence,time,actor_kind,actor_id,actor,action,target,outcome,source_ip,user_agent,details,"
                    + "hash\r\n");
        }
        long after = 0;
        while (true) {
            List<AuditEntry> batch = log.exportBatch(me, filter, export, after, EXPORT_BATCH);
            for (AuditEntry entry : batch) {
                out.write(csv ? csvLine(entry) : jsonLine(entry));
            }
            if (batch.size() < EXPORT_BATCH) {
                break;
            }
            after = batch.getLast().sequence();
        }
        out.flush();
    }

    private static long sequence(String before) {
        if (before == null || before.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(before);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (NumberFormatException e) {
            throw new Rejected("bad_filter", "'before' is an entry's sequence number (a positive whole number).");
        }
    }

    private static String link(String path, AuditFilter filter, String name, String value) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        filter.asParameters().forEach(uri::queryParam);
        return uri.queryParam(name, value).encode().build().toUriString();
    }

    private static String jsonLine(AuditEntry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sequence", entry.sequence());
        line.put("time", entry.at().toString());
        line.put("actor", Map.of("kind", entry.actor().kind().name().toLowerCase(Locale.ROOT), "id", entry.actor().id(),
                "label", entry.actor().label()));
        line.put("action", entry.action());
        line.put("target", entry.target());
        line.put("outcome", entry.outcome().name().toLowerCase(Locale.ROOT));
        line.put("sourceIp", entry.sourceIp());
        line.put("userAgent", entry.userAgent());
        line.put("details", JSON.readTree(entry.details()));
        line.put("prevHash", HexFormat.of().formatHex(entry.prevHash()));
        line.put("hash", HexFormat.of().formatHex(entry.hash()));
        return JSON.writeValueAsString(line) + "\n";
    }

    private static String csvLine(AuditEntry entry) {
        return String.join(",",
                List.of(Long.toString(entry.sequence()), entry.at().toString(),
                        entry.actor().kind().name().toLowerCase(Locale.ROOT), cell(entry.actor().id()),
                        cell(entry.actor().label()), cell(entry.action()), cell(entry.target()),
                        entry.outcome().name().toLowerCase(Locale.ROOT), cell(entry.sourceIp()),
                        cell(entry.userAgent()), cell(entry.details()), HexFormat.of().formatHex(entry.hash())))
                + "\r\n";
    }

    /**
     * A CSV cell (RFC 4180 quoting). A value a spreadsheet would run as a formula
     * (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
     */
    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

}
