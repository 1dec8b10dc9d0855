package org.confidant.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationTiming;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports of a workspace, as one member may see them: {@code reports.view} first,
 * then only the inboxes their scope covers. Figures are computed here over the
 * conversation module's streamed timings; nothing is decrypted.
 */
@Service
public class ReportManagement {

    /** What the per-agent lines call resolved conversations that had no assignee. */
    public static final String UNASSIGNED = "Unassigned";

    private final ConversationManagement conversations;

    private final InboxManagement inboxes;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ReportManagement(ConversationManagement conversations, InboxManagement inboxes, ApplicationEventPublisher events,
            Clock clock) {
        this.conversations = conversations;
        this.inboxes = inboxes;
        this.events = events;
        this.clock = clock;
    }

    /** Today in UTC, the day the preset periods end on. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * The report of the period asked for ({@link ReportPeriod#of}) over the inboxes the
     * viewer's scope covers.
     * @throws org.confidant.shared.Forbidden without {@code reports.view}
     * @throws org.confidant.shared.Rejected {@code bad_period}
     */
    @Transactional(readOnly = true)
    public Report report(Grants viewer, @Nullable String days, @Nullable String from, @Nullable String to) {
        viewer.require(Permission.REPORTS_VIEW);
        return compute(viewer, ReportPeriod.of(days, from, to, today()), inboxesOf(viewer));
    }

    /**
     * The same report as CSV ({@link ReportCsv}), with an audit record of its download.
     * @throws org.confidant.shared.Forbidden without {@code reports.view}
     * @throws org.confidant.shared.Rejected {@code bad_period}
     */
    @Transactional
    public Csv csv(Grants viewer, @Nullable String days, @Nullable String from, @Nullable String to) {
        viewer.require(Permission.REPORTS_VIEW);
        ReportPeriod period = ReportPeriod.of(days, from, to, today());
        List<Inbox> covered = inboxesOf(viewer);
        String csv = ReportCsv.of(compute(viewer, period, covered));
        events.publishEvent(new ReportExported(viewer.workspaceId(), viewer.memberId(), period, covered.size()));
        return new Csv("report-" + period.from() + "-to-" + period.to() + ".csv", csv);
    }

    /** A downloadable report: its file name (dates only) and its text. */
    public record Csv(String fileName, String text) {
    }

    /** The workspace's inboxes the viewer's scope covers, by name. */
    private List<Inbox> inboxesOf(Grants viewer) {
        List<Inbox> all = inboxes.list(viewer.workspaceId());
        return switch (viewer.visibility()) {
            case ALL -> all;
            case INBOXES -> all.stream().filter(inbox -> viewer.inboxes().contains(inbox.id())).toList();
            case ASSIGNED, NONE -> List.of();
        };
    }

    private Report compute(Grants viewer, ReportPeriod period, List<Inbox> covered) {
        Instant start = period.start();
        Instant end = period.end();
        int[] created = new int[period.days()];
        int[] resolved = new int[period.days()];
        Line overall = new Line();
        Map<InboxId, Line> byInbox = new LinkedHashMap<>();
        covered.forEach(inbox -> byInbox.put(inbox.id(), new Line()));
        Map<@Nullable MemberId, Line> byAgent = new HashMap<>();
        conversations.timings(viewer.workspaceId(), byInbox.keySet(), start, end, timing -> {
            Line inbox = byInbox.get(timing.inboxId());
            if (inbox == null) {
                return;
            }
            if (within(timing.createdAt(), start, end)) {
                created[day(period, timing.createdAt())]++;
                overall.created++;
                inbox.created++;
                Long first = firstResponse(timing);
                if (first != null) {
                    overall.firstResponse.add(first);
                    inbox.firstResponse.add(first);
                    byAgent.computeIfAbsent(timing.firstResponder(), id -> new Line()).firstResponse.add(first);
                }
            }
            Instant resolvedAt = timing.resolvedAt();
            if (resolvedAt != null && within(resolvedAt, start, end)) {
                resolved[day(period, resolvedAt)]++;
                long seconds = Math.max(0, Duration.between(timing.createdAt(), resolvedAt).toSeconds());
                for (Line line : new Line[] { overall, inbox,
                        byAgent.computeIfAbsent(timing.assignee(), id -> new Line()) }) {
                    line.resolved++;
                    line.resolution.add(seconds);
                }
            }
        });
        List<Report.Day> days = new ArrayList<>(period.days());
        for (int i = 0; i < period.days(); i++) {
            days.add(new Report.Day(period.from().plusDays(i), created[i], resolved[i]));
        }
        List<Report.Row> inboxRows = covered.stream()
            .map(inbox -> byInbox.get(inbox.id()).row(inbox.name(), true))
            .toList();
        List<Report.Row> agentRows = byAgent.entrySet()
            .stream()
            .map(e -> e.getValue()
                .row(e.getKey() == null ? UNASSIGNED : conversations.memberName(viewer, e.getKey()), false))
            .sorted(Comparator.comparing(Report.Row::name).thenComparing(Report.Row::resolved))
            .toList();
        return new Report(period, days, overall.row("All inboxes", true), inboxRows, agentRows);
    }

    private static @Nullable Long firstResponse(ConversationTiming timing) {
        Instant asked = timing.firstVisitorMessageAt();
        Instant answered = timing.firstResponseAt();
        if (asked == null || answered == null) {
            return null;
        }
        return Math.max(0, Duration.between(asked, answered).toSeconds());
    }

    private static boolean within(Instant at, Instant start, Instant end) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    private static int day(ReportPeriod period, Instant at) {
        return (int) (LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay() - period.from().toEpochDay());
    }

    /** The figures of one line while they are collected. */
    private static final class Line {

        private int created;

        private int resolved;

        private final Durations firstResponse = new Durations();

        private final Durations resolution = new Durations();

        Report.Row row(String name, boolean counted) {
            return new Report.Row(name, counted ? created : null, resolved, firstResponse.figures(),
                    resolution.figures());
        }

    }

}
