package org.confidant.job;

import java.util.Locale;

import org.springframework.modulith.NamedInterface;

/**
 * Where a job is: waiting for a node, being run (or waiting to be resumed after its node
 * died), or finished one of three ways. A finished job is never run again.
 */
@NamedInterface("api")
public enum JobState {

    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The lower-case name the database, the pages and the API use. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobState ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

}
