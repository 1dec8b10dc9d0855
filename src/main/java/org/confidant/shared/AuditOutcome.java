package org.confidant.shared;

/**
 * How an audited action ended: done, failed (bad credentials, invalid input), or refused
 * for lack of permission.
 */
public enum AuditOutcome {

    SUCCESS, FAILURE, DENIED

}
