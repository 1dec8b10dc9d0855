package org.confidant.api.web;

import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.system.BadJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The API's refusals, all as problem bodies (never the dashboard's error pages): an id
 * that is malformed, foreign or out of reach is a 404; a permission the token or its
 * member lacks is a 403; a request that breaks a rule is a 400.
 */
@RestControllerAdvice(assignableTypes = { ApiConversationController.class, ApiJobController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mistyped(MethodArgumentTypeMismatchException mistyped) {
        if (mistyped.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return notFound();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The parameter " + mistyped.getName() + " has the wrong type.");
        problem.setTitle("Request refused");
        problem.setProperty("code", "bad_parameter");
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such object.");
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden forbidden) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, forbidden.getMessage());
        problem.setTitle("Not allowed");
        return problem;
    }

    @ExceptionHandler(Rejected.class)
    ProblemDetail rejected(Rejected rejected) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, rejected.getMessage());
        problem.setTitle("Request refused");
        problem.setProperty("code", rejected.code());
        return problem;
    }

    /**
     * A body the strict JSON reader refused (a wrong JSON type, an unknown field, a key
     * twice, not JSON): 400, {@code bad_body}, naming the field; one line in the log, no
     * stack trace.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {
        BadJson bad = BadJson.of(unreadable);
        log.info("refused an API request body: {}", bad.reason());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, bad.reason());
        problem.setTitle("Request refused");
        problem.setProperty("code", "bad_body");
        if (bad.field() != null) {
            problem.setProperty("field", bad.field());
        }
        return problem;
    }

}
