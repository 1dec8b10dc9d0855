package org.confidant.realtime;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Refuses (403) a handshake whose {@code Origin} is not Confidant's own, including an
 * {@code Origin} that is not a URL at all: Spring's own origin check, which runs after
 * this one, lets the parse error of such a header escape as a 500 with a stack trace in
 * the log, which anyone could trigger at will. A handshake without {@code Origin} (not
 * sent by a browser) passes, as it does in Spring's check, unless {@code originRequired}:
 * the visitor socket's one legitimate caller is the widget's iframe on Confidant's
 * origin, whose browser always sends it.
 */
final class SameOriginHandshake implements HandshakeInterceptor {

    private final boolean originRequired;

    SameOriginHandshake(boolean originRequired) {
        this.originRequired = originRequired;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request.getHeaders().getFirst(HttpHeaders.ORIGIN) == null) {
            if (originRequired) {
                response.setStatusCode(HttpStatus.FORBIDDEN);
            }
            return !originRequired;
        }
        boolean sameOrigin;
        try {
            sameOrigin = WebUtils.isSameOrigin(request);
        }
        catch (RuntimeException unparsable) {
            sameOrigin = false;
        }
        if (!sameOrigin) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
        }
        return sameOrigin;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

}
