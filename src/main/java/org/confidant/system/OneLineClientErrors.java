package org.confidant.system;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps stack traces of malformed requests out of the log. Tomcat logs a request it
 * cannot parse (a bad request line, header, encoding) at INFO with the parser's whole
 * stack trace: noise an attacker can make at will, which buries what matters. Below WARN,
 * an event of Tomcat's request handling ({@code org.apache.coyote}, {@code
 * org.apache.tomcat.util.http}) that carries an exception is written as one line instead:
 * the message's first line and the exception's own message. Warnings and errors keep
 * their traces (they are the server's, not the client's). Confidant's own refusals log
 * one line already (see {@link ErrorHandling}).
 */
@Component
class OneLineClientErrors extends TurboFilter {

    private static final String NAME = "confidant-one-line-client-errors";

    private static final int MAX_LINE = 300;

    @EventListener(ApplicationReadyEvent.class)
    void install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(f -> NAME.equals(f.getName()))) {
            setName(NAME);
            setContext(context);
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable thrown) {
        if (thrown == null || level == null || level.isGreaterOrEqual(Level.WARN) || !isRequestParsing(logger)) {
            return FilterReply.NEUTRAL;
        }
        String line = oneLine(firstLine(format) + ": " + thrown);
        if (level.isGreaterOrEqual(Level.INFO)) {
            logger.info(line);
        }
        else {
            logger.debug(line);
        }
        return FilterReply.DENY;
    }

    private static boolean isRequestParsing(Logger logger) {
        String name = logger.getName();
        return name.startsWith("org.apache.coyote.") || name.startsWith("org.apache.tomcat.util.http.");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("[\\r\\n\\t]+", " ");
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "…";
    }

}
