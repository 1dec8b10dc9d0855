package org.confidant.lifecycle.web;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.lifecycle.RetentionManagement;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

/**
 * Puts {@code keepsForever} in every page's model: true while the member's workspace
 * keeps everything for ever and the member may change that, so the layout shows a banner
 * (read only when a full page's layout shows it).
 */
@ControllerAdvice
class LifecycleModel {

    private final RetentionManagement retention;

    LifecycleModel(RetentionManagement retention) {
        this.retention = retention;
    }

    @ModelAttribute("keepsForever")
    LazyContextVariable<Boolean> keepsForever(Grants grants) {
        return new LazyContextVariable<>() {
            @Override
            protected Boolean loadValue() {
                return grants != null && grants.has(Permission.RETENTION_MANAGE)
                        && retention.keepsEverythingForever(grants.workspaceId());
            }
        };
    }

}
