package org.confidant.signin.web;

import java.io.IOException;
import java.util.Map;

import org.confidant.shared.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web side of a passkey ceremony: the options wait in the session, one slot per kind
 * of ceremony, until the response comes back (a slot is emptied by taking it, so a
 * response is matched with its options once); responses are read as Spring Security's
 * WebAuthn JSON (its Jackson module), at most 64 KiB, and anything else is a 4xx that
 * changes nothing: 413 when too long, 400 when it is not a credential of the expected
 * shape.
 */
@Component
class PasskeyCeremonies {

    /** The kinds of ceremony, each with its own slot in the session. */
    enum Ceremony {

        REGISTRATION, ENROLMENT, SIGN_IN, SECOND_FACTOR;

        String attribute() {
            return PasskeyCeremonies.class.getName() + "." + name();
        }

    }

    static final int MAX_BODY_BYTES = 64 * 1024;

    /** WebAuthn's limit on a credential id. */
    private static final int MAX_CREDENTIAL_ID_BYTES = 1023;

    private static final Rejected MALFORMED = new Rejected("malformed_passkey_response",
            "That is not a passkey response.");

    /**
     * Spring Security's WebAuthn JSON, with a key given twice refused (issue 14's strict
     * reading); its own module decides the fields and their types, since browsers add
     * fields of their own to the credential's JSON.
     */
    private final JsonMapper json = JsonMapper.builder()
        .addModule(new WebauthnJacksonModule())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    /**
     * Keeps the options for the response to come, and answers them as JSON for the
     * browser.
     */
    ResponseEntity<String> offer(HttpSession session, Ceremony ceremony, Object options) {
        session.setAttribute(ceremony.attribute(), options);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(options));
    }

    /**
     * The options of the ceremony under way, taken out of the session; null if none is.
     */
    <T> T take(HttpSession session, Ceremony ceremony, Class<T> type) {
        Object options = session.getAttribute(ceremony.attribute());
        session.removeAttribute(ceremony.attribute());
        return type.isInstance(options) ? type.cast(options) : null;
    }

    /**
     * An answer to request options: the options of the ceremony (null if none was under
     * way) and the assertion.
     */
    record Assertion(PublicKeyCredentialRequestOptions options,
            PublicKeyCredential<AuthenticatorAssertionResponse> credential) {
    }

    /**
     * An answer to creation options: the options of the ceremony and the new credential
     * with its label.
     */
    record Registration(PublicKeyCredentialCreationOptions options, RelyingPartyPublicKey key) {
    }

    /**
     * The assertion ({@code navigator.credentials.get}) in the request's body, with the
     * options of the session's ceremony, taken out of it (a malformed body leaves them).
     */
    Assertion assertion(HttpServletRequest request, HttpSession session, Ceremony ceremony) {
        PublicKeyCredential<AuthenticatorAssertionResponse> credential = read(request,
                new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() {
                });
        requireCredential(credential);
        return new Assertion(take(session, ceremony, PublicKeyCredentialRequestOptions.class), credential);
    }

    /**
     * The new credential ({@code navigator.credentials.create}) with its label,
     * {@code {"label", "credential"}}, in the request's body, with the options of the
     * session's ceremony, taken out of it (a malformed body leaves them).
     * @throws Rejected when no ceremony is under way
     */
    Registration registration(HttpServletRequest request, HttpSession session, Ceremony ceremony) {
        RelyingPartyPublicKey key = read(request, new TypeReference<RelyingPartyPublicKey>() {
        });
        if (key == null) {
            throw MALFORMED;
        }
        requireCredential(key.getCredential());
        AuthenticatorAttestationResponse response = key.getCredential().getResponse();
        if (response.getAttestationObject() == null || response.getClientDataJSON() == null) {
            throw MALFORMED;
        }
        PublicKeyCredentialCreationOptions options = take(session, ceremony, PublicKeyCredentialCreationOptions.class);
        if (options == null) {
            throw new Rejected("no_ceremony", "Start again: the passkey was not asked for, or it took too long.");
        }
        return new Registration(options, key);
    }

    /** What a browser is sent to next. */
    static ResponseEntity<Map<String, String>> next(String path) {
        return ResponseEntity.ok(Map.of("redirect", path));
    }

    /** A refusal the page shows as it is. */
    static ResponseEntity<ProblemDetail> refused(HttpStatus status, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setTitle("Passkey refused");
        return ResponseEntity.status(status).body(problem);
    }

    private <T> T read(HttpServletRequest request, TypeReference<T> type) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "A passkey response is at most 64 KiB.");
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        }
        catch (IOException unreadable) {
            throw MALFORMED;
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "A passkey response is at most 64 KiB.");
        }
        try {
            return json.readValue(body, type);
        }
        catch (JacksonException | IllegalArgumentException notACredential) {
            throw MALFORMED;
        }
    }

    private static void requireCredential(PublicKeyCredential<?> credential) {
        if (credential == null || credential.getRawId() == null || credential.getResponse() == null
                || credential.getRawId().getBytes().length == 0
                || credential.getRawId().getBytes().length > MAX_CREDENTIAL_ID_BYTES
                || !PublicKeyCredentialType.PUBLIC_KEY.equals(credential.getType())) {
            throw MALFORMED;
        }
    }

}
