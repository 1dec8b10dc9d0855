package org.confidant;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Confidant: a self-hosted live chat for customer support, secure and private by default. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConfidantApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConfidantApplication.class, args);
    }

    /** The one clock every module reads time from, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
