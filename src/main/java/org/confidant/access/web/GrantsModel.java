package org.confidant.access.web;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.system.ErrorPageModel;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the member's grants in every dashboard page's model: {@code grants}, and
 * {@code can}, a map from permission name to whether the member holds it
 * ({@code ${can.INBOXES_MANAGE}}), so templates offer only what the member may do. The
 * server checks again on every action. The error page gets {@code can} too, for its top
 * bar. A request from an ended membership ends its session.
 */
@ControllerAdvice
class GrantsModel implements ErrorPageModel {

    private final CurrentGrants current;

    GrantsModel(CurrentGrants current) {
        this.current = current;
    }

    @ModelAttribute("grants")
    Grants grants(Grants grants) {
        return grants;
    }

    @ModelAttribute("can")
    Map<String, Boolean> can(Grants grants) {
        return Arrays.stream(Permission.values())
            .collect(Collectors.toUnmodifiableMap(Permission::name, p -> grants != null && grants.has(p)));
    }

    @Override
    public void addTo(HttpServletRequest request, Map<String, Object> model) {
        current.of(request).ifPresent(grants -> model.put("can", can(grants)));
    }

    @ExceptionHandler(CurrentGrants.MembershipEnded.class)
    String ended(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?ended";
    }

}
