package org.confidant.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Turns the servlet container's session ends into Spring events, which
 * {@link MemberSessions} listens to.
 */
@Configuration(proxyBeanMethods = false)
class SessionEventsConfiguration {

    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

}
