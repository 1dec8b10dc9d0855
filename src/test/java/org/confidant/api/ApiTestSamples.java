package org.confidant.api;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.confidant.access.AccessTestSamples;
import org.confidant.access.Permission;
import org.confidant.identity.Member;
import org.springframework.context.ApplicationContext;

/** API tokens for tests, made through the product's own service. */
public final class ApiTestSamples {

    private ApiTestSamples() {
    }

    /** A token of the member holding every one of the given permissions (which the member must hold). */
    public static ApiTokenManagement.NewToken token(ApplicationContext context, Member member,
            Permission... permissions) {
        Set<String> keys = Arrays.stream(permissions).map(Permission::key).collect(Collectors.toSet());
        return context.getBean(ApiTokenManagement.class).create(AccessTestSamples.grants(context, member),
                "test token", keys, null);
    }

    /** A token with every permission the member holds. */
    public static ApiTokenManagement.NewToken tokenWithAllOf(ApplicationContext context, Member member) {
        return token(context, member, AccessTestSamples.grants(context, member).permissions()
                .toArray(Permission[]::new));
    }
}
