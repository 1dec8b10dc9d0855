package org.confidant.tenancy;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.confidant.shared.WorkspaceId;
import org.confidant.shared.WorkspaceScoped;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

/**
 * Every service and repository method whose first parameter names a workspace
 * ({@link WorkspaceId}, or {@link WorkspaceScoped} such as a member's grants) runs inside
 * that workspace. Called from inside another workspace, it refuses (see {@link Tenancy}):
 * the workspace a service acts in must be the one the request authenticated.
 */
class WorkspaceBoundary extends StaticMethodMatcherPointcutAdvisor {

    WorkspaceBoundary() {
        setAdvice((MethodInterceptor) WorkspaceBoundary::enterWorkspace);
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        return targetClass.getPackageName().startsWith("org.confidant.")
                && (AnnotatedElementUtils.hasAnnotation(targetClass, Service.class)
                        || AnnotatedElementUtils.hasAnnotation(targetClass, Repository.class))
                && method.getParameterCount() > 0 && (method.getParameterTypes()[0] == WorkspaceId.class
                        || WorkspaceScoped.class.isAssignableFrom(method.getParameterTypes()[0]));
    }

    private static Object enterWorkspace(MethodInvocation invocation) throws Throwable {
        WorkspaceId workspace = switch (invocation.getArguments()[0]) {
            case WorkspaceId id -> id;
            case WorkspaceScoped scoped -> scoped.workspaceId();
            case null, default -> null;
        };
        if (workspace == null) {
            return invocation.proceed();
        }
        Tenancy.Scope previous = Tenancy.enter(Tenancy.Scope.of(workspace));
        try {
            return invocation.proceed();
        }
        finally {
            Tenancy.restore(previous);
        }
    }

}
