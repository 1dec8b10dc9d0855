package org.confidant.tenancy;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;

import jakarta.servlet.DispatcherType;

/**
 * Wires the tenant scope into the edges (requests, service boundaries, async tasks,
 * migrations) and, on PostgreSQL, into every connection the application uses.
 */
@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

    /**
     * On PostgreSQL, the application's data source carries the tenant scope into each
     * connection.
     */
    @Bean
    static BeanPostProcessor tenantScopedDataSource(Environment environment) {
        boolean postgres = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return postgres && bean instanceof DataSource pool && !(bean instanceof TenantScopedDataSource)
                        ? new TenantScopedDataSource(pool) : bean;
            }
        };
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static WorkspaceBoundary workspaceBoundary() {
        return new WorkspaceBoundary();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static CrossWorkspaceMethods crossWorkspaceMethods() {
        return new CrossWorkspaceMethods();
    }

    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<TenancyFilter> tenancyFilter() {
        FilterRegistrationBean<TenancyFilter> registration = new FilterRegistrationBean<>(new TenancyFilter());
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR,
                DispatcherType.FORWARD, DispatcherType.INCLUDE);
        return registration;
    }

    /** An async task runs in the scope of the code that submitted it. */
    @Bean
    TaskDecorator tenancyPropagation() {
        return task -> {
            Tenancy.Scope submitter = Tenancy.current();
            return () -> {
                Tenancy.Scope previous = Tenancy.current();
                Tenancy.restore(submitter);
                try {
                    task.run();
                }
                finally {
                    Tenancy.restore(previous);
                }
            };
        };
    }

    /** Migrations may touch every workspace's rows. */
    @Bean
    FlywayMigrationStrategy migrateInSystemScope() {
        return flyway -> Tenancy.system("schema migrations", () -> {
            flyway.migrate();
        });
    }

}
