package org.confidant.shared;

/**
 * A request that breaks a rule of the domain (blank message, taken email, expired
 * link...). It carries a stable machine-readable {@code code} and a message meant for the
 * person who made the request; the web layer turns it into a 400 problem, the socket
 * gateways into an error frame. Nothing is changed when it is thrown.
 */
public class Rejected extends RuntimeException {

    private final String code;

    public Rejected(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

}
