package org.confidant.sso;

import java.util.List;

import org.confidant.crypto.EncryptedRecords;
import org.confidant.crypto.EncryptedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Declares the providers' encrypted client secrets to key administration (re-encryption
 * and status).
 */
@Configuration(proxyBeanMethods = false)
class SsoEncryptedColumns {

    @Bean
    EncryptedRecords encryptedSsoProviders(JdbcClient jdbc) {
        return new EncryptedTable(jdbc, List.of(SsoManagement.CLIENT_SECRET));
    }

}
