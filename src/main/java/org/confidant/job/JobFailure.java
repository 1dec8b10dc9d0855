package org.confidant.job;

import org.springframework.modulith.NamedInterface;

/**
 * Thrown by a step when its job cannot succeed, with a reason meant for the people who
 * see the job (no stack trace, no secret, no personal data): the job fails with that
 * reason, and the step's transaction is rolled back. Any other exception fails the job
 * too, with a generic reason (the details go to the server's log only).
 */
@NamedInterface("api")
public class JobFailure extends RuntimeException {

    public JobFailure(String reason) {
        super(reason, null, false, false);
    }

}
