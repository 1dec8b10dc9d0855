package org.confidant.tenancy;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Runs every {@link CrossWorkspace} method in the system scope, with the reason it gives.
 */
class CrossWorkspaceMethods extends DefaultPointcutAdvisor {

    CrossWorkspaceMethods() {
        super(AnnotationMatchingPointcut.forMethodAnnotation(CrossWorkspace.class), (MethodInterceptor) invocation -> {
            CrossWorkspace annotation = AnnotatedElementUtils.findMergedAnnotation(invocation.getMethod(),
                    CrossWorkspace.class);
            Tenancy.Scope previous = Tenancy.enter(Tenancy.Scope.system(annotation.value()));
            try {
                return invocation.proceed();
            }
            finally {
                Tenancy.restore(previous);
            }
        });
    }

}
