package org.confidant.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The workspace a run works in, made through the product's own pages: the setup link, sign-in, an inbox, and a few
 * invited agents. The inbox allows {@link #HOST_PAGE_ORIGIN} on its install page, as a business would allow its
 * website. Agent sockets are authenticated by these members' session cookies.
 */
final class Workspace {

    /** The website the bench's visitors are embedded on: the inbox's one allowed origin, reported in every hello. */
    static final String HOST_PAGE_ORIGIN = "https://shop.bench.example";

    final String base;
    final String inbox;
    final List<String> agentEmails;
    final List<Dashboard> agentSessions = new ArrayList<>();

    private Workspace(String base, String inbox, List<String> agentEmails) {
        this.base = base;
        this.inbox = inbox;
        this.agentEmails = agentEmails;
    }

    /**
     * Redeems the setup link, signs the owner in, creates the inbox and allows the visitors' host page on it, invites {@code members - 1} agents and makes them
     * members of the inbox.
     */
    static Workspace create(String base, String setupToken, int members) {
        Dashboard owner = new Dashboard(base);
        owner.setUp(setupToken, "Bench Support", "Olga Owner", "owner@bench.example");
        owner.signIn("owner@bench.example");
        String inbox = owner.createInbox("Bench website");
        owner.allowDomains(inbox, HOST_PAGE_ORIGIN);
        List<String> emails = new ArrayList<>();
        emails.add("owner@bench.example");
        for (int i = 1; i < members; i++) {
            String token = owner.invite();
            String email = "agent" + i + "@bench.example";
            new Dashboard(base).acceptInvitation(token, "Agent " + i, email);
            emails.add(email);
        }
        owner.addEveryoneToInbox(inbox);
        Workspace w = new Workspace(base, inbox, emails);
        w.agentSessions.add(owner);
        for (int i = 1; i < members; i++) {
            Dashboard d = new Dashboard(base);
            d.signIn(emails.get(i));
            w.agentSessions.add(d);
        }
        return w;
    }

    /** Signs every member in again (sessions live in the server's memory, so a restart ends them). */
    void signInAgain() {
        agentSessions.clear();
        for (String email : agentEmails) {
            Dashboard d = new Dashboard(base);
            d.signIn(email);
            agentSessions.add(d);
        }
    }

    /** The cookie of the member that agent socket {@code k} signs in as (sockets are spread over the members). */
    String agentCookie(int k) {
        return agentSessions.get(k % agentSessions.size()).cookieHeader();
    }
}
