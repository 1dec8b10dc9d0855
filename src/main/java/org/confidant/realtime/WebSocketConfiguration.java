package org.confidant.realtime;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * Registers the two gateways. Both accept only same-origin handshakes: the widget's chat
 * app runs in an iframe on Confidant's own origin, and the dashboard is Confidant's
 * origin (this is the sockets' CSRF defence).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    /**
     * Per-connection read and write buffer size; see {@link #smallConnectionBuffers()}.
     */
    static final int CONNECTION_BUFFER_BYTES = 2048;

    private final VisitorGateway visitors;

    private final AgentGateway agents;

    WebSocketConfiguration(VisitorGateway visitors, AgentGateway agents) {
        this.visitors = visitors;
        this.agents = agents;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(visitors, "/ws/visitor").addInterceptors(new SameOriginHandshake(true));
        HttpSessionHandshakeInterceptor sessionId = new HttpSessionHandshakeInterceptor();
        sessionId.setCopyAllAttributes(false); // only the session's id, for
                                               // AgentGateway's check
        registry.addHandler(agents, "/ws/agent").addInterceptors(new SameOriginHandshake(false), sessionId);
    }

    /**
     * Frames arrive in parts of at most 1 KiB, reassembled by {@link ClientSocket} up to
     * the gateways' limit: every open socket holds these buffers for its whole life, and
     * most sockets are idle widgets. Binary frames are refused anyway. Idle sockets close
     * after 90 s.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(1024);
        container.setMaxBinaryMessageBufferSize(256);
        container.setMaxSessionIdleTimeout(90_000L);
        return container;
    }

    /**
     * Each connection's own read and write buffers: 2 KiB instead of Tomcat's 8 KiB each,
     * for the same reason (a frame or a response larger than that simply takes more than
     * one read or write). Measured with {@code bench/run
     * --scenarios idle}: see BENCHMARKS.md.
     */
    @Bean
    TomcatConnectorCustomizer smallConnectionBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(CONNECTION_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(CONNECTION_BUFFER_BYTES));
        };
    }

}
