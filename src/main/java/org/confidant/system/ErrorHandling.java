package org.confidant.system;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.RateLimited;
import org.confidant.shared.Rejected;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Domain refusals that reach the web layer, answered the same way wherever they come
 * from: {@link NotFound} is a 404, {@link Forbidden} a 403, {@link Rejected} a 400 with
 * its code, {@link RateLimited} a 429 with {@code Retry-After} (a spent budget and a
 * throttled sign-in alike). A browser asking for a page gets the error page, saying why
 * and offering a way back; every other client (the API, the pages' scripts) gets a
 * problem body. The error page of a signed-in member keeps the dashboard's top bar (each
 * module's {@link ErrorPageModel} adds what it shows). A body that is not the JSON a call
 * takes (see {@link StrictJson}) is a 400 problem, {@code bad_body}, naming the field;
 * the log keeps one line with the reason. Never a stack trace.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10) // before Spring Boot's problem-details handler,
                                        // after the API's own
class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final List<ErrorPageModel> pageModels;

    ErrorHandling(List<ErrorPageModel> pageModels) {
        this.pageModels = pageModels;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException unreadable) {
        return ResponseEntity.badRequest().body(badBody(unreadable));
    }

    /**
     * The problem for a body the strict JSON reader refused: {@code bad_body}, with the
     * field when there is one.
     */
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
    Object forbidden(Forbidden forbidden, HttpServletRequest request) {
        return answer(request, HttpStatus.FORBIDDEN, "Not allowed", forbidden.getMessage(), Map.of());
    }

    @ExceptionHandler(RateLimited.class)
    Object rateLimited(RateLimited limited, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        return answer(request, HttpStatus.TOO_MANY_REQUESTS, "Too many requests", limited.getMessage(), Map.of());
    }

    @ExceptionHandler(Rejected.class)
    Object rejected(Rejected rejected, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, "Request refused", rejected.getMessage(),
                Map.of("code", rejected.code()));
    }

    private Object answer(HttpServletRequest request, HttpStatus status, String title, String message,
            Map<String, String> properties) {
        if (wantsPage(request)) {
            Map<String, Object> model = new HashMap<>(
                    Map.of("status", status.value(), "title", title, "message", message));
            model.putAll(back(request));
            pageModels.forEach(pageModel -> pageModel.addTo(request, model));
            ModelAndView page = new ModelAndView("error", model);
            page.setStatus(status);
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * Where "Back" leads: a refused form's page (its path read again); none for a page
     * refused (it is no way back), so the error page offers the conversations.
     */
    private static Map<String, Object> back(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) ? Map.of() : Map.of("back", request.getRequestURI());
    }

    /**
     * A browser navigating to a page (not the API, not a page's script asking for JSON,
     * not an htmx fragment).
     */
    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return !request.getRequestURI().startsWith("/api/") && request.getHeader("HX-Request") == null && accept != null
                && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

}
