package org.confidant.tenancy;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test's own thread in the named system scope, so that the SQL it runs itself to
 * look at or tamper with stored rows sees every workspace on PostgreSQL, as an operator's
 * would. What it tests runs elsewhere in its own scope: the server's request and socket
 * threads, and every service call (the service boundary enters the call's workspace).
 */
public final class SystemScope implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SystemScope.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        Tenancy.Scope previous = Tenancy.enter(Tenancy.Scope.system("a test inspects or tampers with stored rows"));
        context.getStore(NAMESPACE).put("previous", previous == null ? NONE : previous);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Object previous = context.getStore(NAMESPACE).remove("previous");
        Tenancy.restore(previous == NONE ? null : (Tenancy.Scope) previous);
    }

    private static final Object NONE = new Object();

}
