package org.confidant.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.confidant.DashboardSession;
import org.confidant.Fixtures;
import org.confidant.identity.Member;

/**
 * Passkey ceremonies over HTTP for tests, as {@code static/js/passkeys.js} runs them in a
 * browser, with a {@link SoftwareAuthenticator} in the browser's place. The server's only
 * accepted origin on loopback is {@code http://localhost:<port>}: that is what the
 * authenticator signs unless a test says otherwise.
 */
final class PasskeyTestSupport {

    static final String ADD_OPTIONS = "/app/account/two-factor/passkeys/options";
    static final String ADD = "/app/account/two-factor/passkeys";
    static final String SIGN_IN_OPTIONS = SignInSteps.PASSKEY_SIGN_IN + SignInSteps.OPTIONS;
    static final String SIGN_IN = SignInSteps.PASSKEY_SIGN_IN;
    static final String SECOND_FACTOR_OPTIONS = SignInSteps.SECOND_FACTOR_PASSKEY + SignInSteps.OPTIONS;
    static final String SECOND_FACTOR = SignInSteps.SECOND_FACTOR_PASSKEY;
    static final String ENROL_OPTIONS = SignInSteps.ENROLMENT_PASSKEY + SignInSteps.OPTIONS;
    static final String ENROL = SignInSteps.ENROLMENT_PASSKEY;

    private PasskeyTestSupport() {
    }

    static String origin(int port) {
        return "http://localhost:" + port;
    }

    /**
     * Options for a new passkey from the two-factor page of a signed-in session (the
     * current password given).
     */
    static HttpResponse<String> addOptions(DashboardSession session, String password) {
        session.get("/app/account/two-factor");
        return session.post(ADD_OPTIONS, Map.of("current", password));
    }

    /**
     * Adds the authenticator's passkey from the two-factor page; returns the answer to
     * the credential.
     */
    static HttpResponse<String> add(DashboardSession session, SoftwareAuthenticator authenticator, int port,
            String label) {
        HttpResponse<String> options = addOptions(session, Fixtures.PASSWORD);
        assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
        return session.postJson(ADD, authenticator.register(options.body(), origin(port), label));
    }

    /** Adds the passkey and checks it was. */
    static void added(DashboardSession session, SoftwareAuthenticator authenticator, int port) {
        HttpResponse<String> added = add(session, authenticator, port, "Test key");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.body()).contains("passkey_added");
    }

    /**
     * A new authenticator (its counter starting at {@code counter}) whose passkey the
     * member adds after a sign-in.
     */
    static SoftwareAuthenticator passkeyOf(Member member, int port, long counter) {
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.withCounter(counter);
        added(DashboardSession.signIn(port, member.email(), Fixtures.PASSWORD), authenticator, port);
        return authenticator;
    }

    /** Request options of a ceremony (the page fetched first, for its CSRF token). */
    static HttpResponse<String> options(DashboardSession session, String page, String optionsPath) {
        session.get(page);
        return session.post(optionsPath, Map.of());
    }

    /** A passwordless sign-in's options, from the sign-in page of this browser. */
    static String signInOptions(DashboardSession browser) {
        HttpResponse<String> options = options(browser, "/login", SIGN_IN_OPTIONS);
        assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
        return options.body();
    }

    /**
     * A whole passwordless sign-in with the authenticator as it is; returns the answer to
     * the assertion.
     */
    static HttpResponse<String> signIn(DashboardSession browser, SoftwareAuthenticator authenticator, int port) {
        String options = signInOptions(browser);
        return browser.postJson(SIGN_IN, authenticator.assertion(options, origin(port)).json());
    }

}
