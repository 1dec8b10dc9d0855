package org.confidant.conversation;

import java.util.List;

import org.confidant.crypto.EncryptedRecords;
import org.confidant.crypto.EncryptedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Declares the encrypted bodies of messages and internal notes to key administration
 * (re-encryption and status).
 */
@Configuration(proxyBeanMethods = false)
class ConversationEncryptedColumns {

    @Bean
    EncryptedRecords encryptedMessages(JdbcClient jdbc) {
        return new EncryptedTable(jdbc, List.of(Conversations.BODY));
    }

    @Bean
    EncryptedRecords encryptedNotes(JdbcClient jdbc) {
        return new EncryptedTable(jdbc, List.of(Notes.BODY));
    }

}
