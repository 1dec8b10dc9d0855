package org.confidant.contact;

import java.util.List;

import org.confidant.crypto.EncryptedRecords;
import org.confidant.crypto.EncryptedTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Declares the contact table's encrypted columns to key administration (re-encryption and
 * status).
 */
@Configuration(proxyBeanMethods = false)
class ContactEncryptedColumns {

    @Bean
    EncryptedRecords encryptedContacts(JdbcClient jdbc) {
        return new EncryptedTable(jdbc, List.of(ContactManagement.NAME, ContactManagement.EMAIL,
                ContactManagement.PHONE, ContactManagement.IP_ADDRESS));
    }

}
