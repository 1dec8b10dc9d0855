package org.confidant.realtime;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Registers the two gateways. Both accept only same-origin handshakes: the widget's chat app runs in an iframe on
 * Confidant's own origin, and the dashboard is Confidant's origin (this is the sockets' CSRF defence).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final VisitorGateway visitors;
    private final AgentGateway agents;

    WebSocketConfiguration(VisitorGateway visitors, AgentGateway agents) {
        this.visitors = visitors;
        this.agents = agents;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(visitors, "/ws/visitor").addInterceptors(new SameOriginHandshake());
        registry.addHandler(agents, "/ws/agent").addInterceptors(new SameOriginHandshake());
    }

    /** Frames arrive in parts of at most 8 KiB (reassembled up to the gateways' limit); idle sockets close after 90 s. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(8 * 1024);
        container.setMaxBinaryMessageBufferSize(8 * 1024);
        container.setMaxSessionIdleTimeout(90_000L);
        return container;
    }
}
