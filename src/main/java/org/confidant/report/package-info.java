/**
 * Reports: how a workspace's support is going, for a chosen period of whole days in UTC
 * (Confidant keeps no time zone per workspace): conversations created and resolved per
 * day, first-response time (from a conversation's first visitor message to the first
 * agent reply after it; internal notes never count) and resolution time (from creation to
 * its resolution), each as median and 90th percentile, overall, per inbox and per agent
 * (the first responder for first-response times, the assignee at resolution for
 * resolution times). A member with {@code reports.view} sees the inboxes their scope
 * covers: every inbox when they read all conversations, their own inboxes when they read
 * their inboxes' conversations, none when they read only what is assigned to them. The
 * figures come from the conversation module's streamed timings (ids and times, never a
 * message body), are drawn server-side as SVG with a table beside them
 * ({@link org.confidant.report.ReportManagement}), and download as CSV with spreadsheet
 * formulas defused; a download is audited ({@code report.exported}).
 */
@ApplicationModule(displayName = "Reports", allowedDependencies = { "access::api", "conversation::api", "inbox::api" })
@NullMarked
package org.confidant.report;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
