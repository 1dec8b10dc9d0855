package org.confidant.crypto;

import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Stream;

import org.confidant.crypto.spi.MasterKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the key hierarchy at start-up, before the database is migrated or touched, so
 * that a bad master key stops Confidant having written nothing.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    KeyFiles keyFiles(CryptoSettings settings) {
        return new KeyFiles(settings.keysDirectory());
    }

    /**
     * A {@link MasterKey} bean (a KMS) wins; otherwise the local key from the environment
     * or the key file.
     */
    @Bean
    MasterKeyRing masterKeyRing(CryptoSettings settings, KeyFiles files, ObjectProvider<MasterKey> kms) {
        MasterKey external = kms.getIfUnique();
        return external != null ? MasterKeyRing.external(external, files)
                : MasterKeyRing.local(settings, System.getenv(), files);
    }

    @Bean
    KeyVault keyVault(KeyFiles files, MasterKeyRing masterKeys) {
        return new KeyVault(files, masterKeys);
    }

    /**
     * The erasure ledger; shredded workspaces whose keys a restored vault brought back
     * lose them again here, before anything can decrypt with them. Its entries are
     * encrypted under the deployment's keys, which are therefore made at the first start
     * (not at their first use), so that every copy of the key vault holds them.
     */
    @Bean
    ErasureLedger erasureLedger(CryptoSettings settings, KeyFiles files, KeyVault vault, Clock clock) {
        vault.deploymentKeys();
        ErasureLedger ledger = new ErasureLedger(settings.ledgerDirectory(), vault, clock);
        ledger.reshredWorkspaces(files);
        return ledger;
    }

    /**
     * Database migrations wait for the master key check and for the erasure ledger's
     * shredded workspaces.
     */
    @Bean
    static BeanFactoryPostProcessor migrationsAfterMasterKey() {
        return beanFactory -> Stream.of("flywayInitializer", "flyway")
            .filter(beanFactory::containsBeanDefinition)
            .forEach(name -> {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                String[] extended = Arrays.copyOf(dependsOn, dependsOn.length + 2);
                extended[dependsOn.length] = "masterKeyRing";
                extended[dependsOn.length + 1] = "erasureLedger";
                definition.setDependsOn(extended);
            });
    }

}
