package org.confidant.routing.web;

import java.util.Map;

import org.confidant.identity.MemberPrincipal;
import org.confidant.routing.MemberStatus;
import org.confidant.routing.RoutingManagement;
import org.confidant.shared.MemberId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

/**
 * Puts the signed-in member's chosen status into every page's model as {@code myStatus}
 * (the top bar's control) and what colleagues see of every member as
 * {@code memberStatuses} (the members page and a conversation's assignee choices); both
 * read only when a template shows them.
 */
@ControllerAdvice
class StatusModel {

    private final RoutingManagement routing;

    StatusModel(RoutingManagement routing) {
        this.routing = routing;
    }

    @ModelAttribute("myStatus")
    LazyContextVariable<@Nullable MemberStatus> myStatus(@AuthenticationPrincipal @Nullable MemberPrincipal me) {
        return new LazyContextVariable<>() {
            @Override
            protected @Nullable MemberStatus loadValue() {
                return me == null ? null : routing.chosen(me.workspaceId(), me.memberId());
            }
        };
    }

    @ModelAttribute("memberStatuses")
    LazyContextVariable<Map<MemberId, MemberStatus>> memberStatuses(
            @AuthenticationPrincipal @Nullable MemberPrincipal me) {
        return new LazyContextVariable<>() {
            @Override
            protected Map<MemberId, MemberStatus> loadValue() {
                return me == null ? Map.of() : routing.statuses(me.workspaceId());
            }
        };
    }

}
