package org.confidant.system;

import java.util.Map;

import org.springframework.modulith.NamedInterface;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a module puts in every dashboard page's model, offered to the error page too, so
 * that a refusal shown to a signed-in member keeps the top bar (their name, the sections
 * they may open) and they can go elsewhere. An implementation adds nothing when nobody is
 * signed in.
 */
@NamedInterface("api")
public interface ErrorPageModel {

    /** Adds this module's attributes for the request's signed-in member, if any. */
    void addTo(HttpServletRequest request, Map<String, Object> model);

}
