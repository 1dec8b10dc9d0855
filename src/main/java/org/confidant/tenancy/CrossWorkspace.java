package org.confidant.tenancy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.modulith.NamedInterface;

/**
 * Runs a bean's method in the system scope (see {@link Tenancy#system}): the method is
 * cross-workspace by nature (it finds its workspace from a link token, an email, a public
 * id) and says why in {@link #value}. Applies to calls through the bean's proxy, like
 * {@code @Transactional}.
 */
@NamedInterface("api")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CrossWorkspace {

    /** Why this path must see more than one workspace. */
    String value();

}
