package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.WebSocketHandshakeException;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Opens an agent socket that must be refused at the handshake, and tells the HTTP status
 * it was refused with.
 */
final class AgentSocketRefusal {

    private AgentSocketRefusal() {
    }

    static int status(ThrowingCallable open) {
        Throwable cause = catchThrowable(open);
        assertThat(cause).as("the handshake must be refused").isNotNull();
        while (cause.getCause() != null && !(cause instanceof WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("refused at the handshake").isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

}
