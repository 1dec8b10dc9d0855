package org.confidant;

import java.time.Clock;
import java.util.Map;

import org.confidant.access.PermissionCatalogue;
import org.confidant.audit.AuditCatalogue;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

/**
 * Confidant: a self-hosted live chat for customer support, secure and private by default.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = { "shared", "tenancy" }) // every module runs in a tenant
                                                     // scope, module tests too
public class ConfidantApplication {

    private static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    /**
     * Starts the server; with {@code keys ...} runs a key command and exits (see the
     * crypto module); with {@code audit
     * verify ...} verifies audit logs and exits (see the audit module); with
     * {@code permissions} prints the permission catalogue ({@code docs/permissions.md}),
     * with {@code audit-actions} the audit actions ({@code docs/audit.md}).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("permissions")) {
            System.out.print(PermissionCatalogue.markdown());
            return;
        }
        if (args.length > 0 && args[0].equals("audit-actions")) {
            System.out.print(AuditCatalogue.markdown());
            return;
        }
        if (args.length > 0 && args[0].equals("keys")) {
            SpringApplication commands = new SpringApplication(ConfidantApplication.class);
            commands.setWebApplicationType(WebApplicationType.NONE);
            commands.setDefaultProperties(Map.of("confidant.keys-command", "true", "spring.main.banner-mode", "off",
                    "logging.level.root", "WARN"));
            System.exit(SpringApplication.exit(commands.run(args)));
        }
        if (args.length > 0 && args[0].equals("audit")) {
            SpringApplication commands = new SpringApplication(ConfidantApplication.class);
            commands.setWebApplicationType(WebApplicationType.NONE);
            commands.setDefaultProperties(Map.of("confidant.audit-command", "true", "spring.main.banner-mode", "off",
                    "logging.level.root", "WARN"));
            System.exit(SpringApplication.exit(commands.run(args)));
        }
        // Tomcat sizes each WebSocket's frame and output buffers from this property, read
        // once when its WebSocket
        // classes load; 2 KiB instead of 8 KiB per buffer keeps idle widget sockets small
        // (BENCHMARKS.md, "idle")
        System.setProperty(WEBSOCKET_BUFFER_PROPERTY, System.getProperty(WEBSOCKET_BUFFER_PROPERTY, "2048"));
        SpringApplication.run(ConfidantApplication.class, args);
    }

    /** The one clock every module reads time from, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
