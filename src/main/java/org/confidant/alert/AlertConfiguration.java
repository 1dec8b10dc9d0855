package org.confidant.alert;

import java.util.List;

import org.confidant.crypto.EncryptedRecords;
import org.confidant.crypto.EncryptedTable;
import org.confidant.egress.OutboundUrlGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Alerts are raised on another thread after the audited action commits
 * ({@link AlertRaiser}), and retried by a scheduled worker ({@link AlertDispatcher});
 * every channel's URL passes the SSRF guard. Their encrypted columns are declared to key
 * administration.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
class AlertConfiguration {

    /**
     * The SSRF guard of alert channels, with the operator's
     * {@code confidant.alerts.allowed-targets}.
     */
    @Bean
    OutboundUrlGuard alertUrlGuard(AlertSettings settings) {
        return OutboundUrlGuard.allowing(settings.allowedTargets(), List.of());
    }

    @Bean
    EncryptedRecords encryptedAlertChannels(JdbcClient jdbc) {
        return new EncryptedTable(jdbc, List.of(AlertChannels.TARGET, AlertChannels.SECRET));
    }

    @Bean
    EncryptedRecords encryptedAlerts(JdbcClient jdbc) {
        return new EncryptedTable(jdbc, List.of(AlertDeliveries.CONTENT));
    }

}
