package org.confidant.reply;

import java.util.List;

import org.confidant.crypto.EncryptedRecords;
import org.confidant.crypto.EncryptedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Declares the encrypted bodies of saved replies to key administration (re-encryption and
 * status).
 */
@Configuration(proxyBeanMethods = false)
class ReplyEncryptedColumns {

    @Bean
    EncryptedRecords encryptedSavedReplies(JdbcClient jdbc) {
        return new EncryptedTable(jdbc, List.of(SavedReplies.BODY));
    }

}
