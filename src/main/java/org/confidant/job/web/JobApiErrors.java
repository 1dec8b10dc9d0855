package org.confidant.job.web;

import org.confidant.shared.NotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The job API's refusal as a problem body, like the rest of the API's: a job out of reach is a 404. */
@RestControllerAdvice(assignableTypes = JobApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class JobApiErrors {

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such object.");
        problem.setTitle("Not found");
        return problem;
    }
}
