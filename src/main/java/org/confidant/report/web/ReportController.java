package org.confidant.report.web;

import java.nio.charset.StandardCharsets;

import org.confidant.access.Grants;
import org.confidant.report.Report;
import org.confidant.report.ReportChart;
import org.confidant.report.ReportManagement;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reports page ({@code /app/reports}): a period (the last 7, 30 or 90 days, or chosen
 * days, UTC), conversations per day as an SVG bar chart with a table beside it, and
 * first-response and resolution times overall, per inbox and per agent; and the same
 * figures as CSV ({@code /app/reports.csv}), named after the period only. Both need
 * {@code reports.view}.
 */
@Controller
class ReportController {

    private final ReportManagement reports;

    ReportController(ReportManagement reports) {
        this.reports = reports;
    }

    @GetMapping("/app/reports")
    String page(Grants me, @RequestParam(required = false) String days, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model) {
        Report report = reports.report(me, days, from, to);
        model.addAttribute("report", report);
        model.addAttribute("chart", ReportChart.of(report));
        return "report/reports";
    }

    @GetMapping("/app/reports.csv")
    ResponseEntity<byte[]> csv(Grants me, @RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        ReportManagement.Csv csv = reports.csv(me, days, from, to);
        return ResponseEntity.ok()
            .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(csv.fileName()).build().toString())
            .body(csv.text().getBytes(StandardCharsets.UTF_8));
    }

}
