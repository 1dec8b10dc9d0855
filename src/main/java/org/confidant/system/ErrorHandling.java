package org.confidant.system;

import java.io.IOException;

import org.confidant.shared.BadJson;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Domain refusals that reach the web layer: {@link NotFound} is a 404 (an error page for browsers, a problem body for
 * other clients, through Spring Boot's error handling); {@link Forbidden} is a 403 problem; {@link Rejected} is a 400
 * problem with its code and message; {@link RateLimited} is a 429 problem with {@code Retry-After}. A body that is not
 * the JSON a call takes (see {@link StrictJson}) is a 400 problem, {@code bad_body}, naming the field; the log keeps
 * one line with the reason, no stack trace.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // before Spring Boot's problem-details handler, after the API's own
class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException unreadable) {
        return ResponseEntity.badRequest().body(badBody(unreadable));
    }

    /** The problem for a body the strict JSON reader refused: {@code bad_body}, with the field when there is one. */
    static ProblemDetail badBody(Throwable refusal) {
        BadJson bad = BadJson.of(refusal);
        log.info("refused a request body: {}", bad.reason());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, bad.reason());
        problem.setTitle("Request refused");
        problem.setProperty("code", "bad_body");
        if (bad.field() != null) {
            problem.setProperty("field", bad.field());
        }
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }

    @ExceptionHandler(Forbidden.class)
    ResponseEntity<ProblemDetail> forbidden(Forbidden forbidden) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, forbidden.getMessage());
        problem.setTitle("Not allowed");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimited limited) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, limited.getMessage());
        problem.setTitle("Too many requests");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds())).body(problem);
    }

    @ExceptionHandler(Rejected.class)
    ResponseEntity<ProblemDetail> rejected(Rejected rejected) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, rejected.getMessage());
        problem.setTitle("Request refused");
        problem.setProperty("code", rejected.code());
        return ResponseEntity.badRequest().body(problem);
    }
}
