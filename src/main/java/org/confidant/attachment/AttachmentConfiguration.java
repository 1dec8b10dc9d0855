package org.confidant.attachment;

import org.confidant.attachment.spi.AttachmentStore;
import org.confidant.crypto.Signatures;
import org.confidant.egress.Egress;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The module's parts that settings choose: the store (the local folder unless another is
 * a bean) and the scanner.
 */
@Configuration(proxyBeanMethods = false)
class AttachmentConfiguration {

    @Bean
    @ConditionalOnMissingBean(AttachmentStore.class)
    AttachmentStore localAttachmentStore(AttachmentSettings settings) {
        return new LocalAttachmentStore(settings.directory());
    }

    @Bean
    MalwareScanner malwareScanner(AttachmentSettings settings, Egress egress) {
        return new MalwareScanner(settings.clamd(), egress);
    }

    @Bean
    SignedLinks signedLinks(Signatures signatures) {
        return new SignedLinks(signatures);
    }

}
