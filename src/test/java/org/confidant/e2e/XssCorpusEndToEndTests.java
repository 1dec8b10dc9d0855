package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.confidant.DashboardSession;
import org.confidant.access.Grants;
import org.confidant.attachment.AttachmentManagement;
import org.confidant.contact.Contact;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.ConversationFilter;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Label;
import org.confidant.conversation.LabelColour;
import org.confidant.conversation.LabelManagement;
import org.confidant.conversation.MessageMarkdown;
import org.confidant.conversation.MessageMarkdownTestSamples;
import org.confidant.e2e.XssCorpus.Payload;
import org.confidant.identity.Member;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.privacy.ConsentMode;
import org.confidant.privacy.PrivacyManagement;
import org.confidant.privacy.VisitorStorage;
import org.confidant.reply.SavedReplyManagement;
import org.confidant.search.SearchManagement;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.Rejected;
import org.confidant.widget.VisitorSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.util.HtmlUtils;

import com.sun.net.httpserver.HttpServer;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue item 5: every payload of our XSS corpus ({@link XssCorpus}) goes through every
 * user-controlled field we have, is rendered in headless Chromium on every surface that
 * shows the field, and never runs. Before any page script, a canary
 * ({@code __xssCanary}), stand-ins for
 * {@code alert}/{@code confirm}/{@code prompt}/{@code print} and a listener for CSP
 * violations (an injection the CSP blocked is still a rendering bug) are installed
 * through DevTools; after rendering, the field's DOM may hold only the elements the
 * markdown subset makes (or none), with no attribute but a vetted link's href/rel/target,
 * its nodes must be the ones the server's segments say, and its text must be the
 * payload's. A field or surface is one row of {@link #fields}. The widget is rendered as
 * visitors meet it: in its frame (Confidant's origin) on a host page of another origin
 * the inbox allows, with the install page's snippet; each visitor browser first proves,
 * with a deliberate canary call, dialog and CSP violation, that the tripwires are
 * installed in that cross-origin frame's document.
 *
 * <p>
 * A second test runs the browsers' markdown tokenizer over the shared cases and the
 * corpus and compares it with the server's {@link MessageMarkdown}.
 */
@IntegrationTest
class XssCorpusEndToEndTests {

    @Autowired
    Fixtures fixtures;

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final List<Payload> CORPUS = XssCorpus.load();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The thread view shows the latest 200 messages: the corpus is spread over threads of
     * at most this many.
     */
    private static final int MESSAGES_PER_THREAD = ConversationManagement.MAX_BATCH - 1;

    /**
     * Installed before any script of every document: the canary and everything else an
     * injection could trip.
     */
    private static final String TRIPWIRES = """
            (() => {
              const hits = [];
              Object.defineProperty(window, '__xssHits', { value: hits });
              window.__xssCanary = (id) => hits.push('canary ' + id);
              for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (m) => hits.push(name + ' ' + m);
              addEventListener('securitypolicyviolation',
                  (e) => hits.push('csp ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample), true);
            })();
            """;

    /**
     * The field's elements under a root: key, text and whatever should not be there.
     * Allowed: the markdown subset's elements (if the field is markdown), each with no
     * attribute but a link's vetted href, rel and target.
     */
    private static final String INSPECT = """
            const [root, item, textIn, markdown] = arguments;
            const allowed = markdown ? ['strong', 'em', 'code', 'a', 'br'] : [];
            return Array.from(document.querySelectorAll(root + ' ' + item), (node) => {
              const text = textIn ? node.querySelector(textIn) : node;
              const problems = [];
              for (const e of text.querySelectorAll('*')) {
                const tag = e.localName;
                if (!allowed.includes(tag)) problems.push('element ' + tag);
                for (const a of e.attributes) {
                  if (!(tag === 'a' && ['href', 'rel', 'target'].includes(a.name))) problems.push(tag + '[' + a.name + ']');
                }
                if (tag === 'a') {
                  if (!['http:', 'https:', 'mailto:'].includes(e.protocol)) problems.push('link to ' + e.protocol);
                  if (e.rel !== 'noopener noreferrer nofollow' || e.target !== '_blank') problems.push('link rel/target');
                }
              }
              const shape = Array.from(text.childNodes, (n) => n.nodeType === Node.TEXT_NODE ? 'text'
                  : n.localName === 'a' ? 'a ' + n.getAttribute('href') : n.localName);
              return { key: node.dataset.seq || node.dataset.note || '', text: text.textContent, problems, shape };
            });
            """;

    /**
     * Anywhere in the document: event-handler attributes, script URLs, and scripts or
     * frames not of our own (a script from our origin, or the chat frame's one import map
     * in its head).
     */
    private static final String INSPECT_DOCUMENT = """
            const problems = [];
            for (const e of document.querySelectorAll('*')) {
              for (const a of e.attributes) {
                if (/^on/i.test(a.name)) problems.push(e.localName + '[' + a.name + ']');
                // a form field's value is text (a signed name may well read "javascript:..."), never followed
                if (/^\\s*(javascript|data|vbscript):/i.test(a.value) && a.name !== 'content'
                    && !(e.localName === 'input' && a.name === 'value')
                    && !(e.localName === 'link' && a.name === 'href' && a.value === 'data:,')) {
                  problems.push(e.localName + '[' + a.name + '=' + a.value.slice(0, 40) + ']');
                }
              }
              if (['script', 'iframe', 'object', 'embed', 'frame', 'base'].includes(e.localName)
                  && !(e.localName === 'script' && e.src.startsWith(location.origin + '/'))
                  // the chat frame's import map, in its head (docs/adr/widget-chunks.md)
                  && !(e.localName === 'script' && e.type === 'importmap' && e.parentNode === document.head
                      && document.querySelectorAll('script[type=importmap]').length === 1)) problems.push(e.localName);
            }
            return problems;
            """;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final List<TrippedBrowser> browsers = new ArrayList<>();

    /**
     * The customer's site embedding the widget: another origin than Confidant's, one page
     * per inbox.
     */
    private HttpServer hostSite;

    private final Map<String, byte[]> hostPages = new ConcurrentHashMap<>();

    /**
     * What each (field, surface) rendered: payloads shown, payloads the field refused on
     * input.
     */
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    private record Tally(int rendered, int refused) {
    }

    @BeforeAll
    static void browserIsInstalled() {
        Chromium.requireInstalled();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(TrippedBrowser::close);
        browsers.clear();
        if (hostSite != null) {
            hostSite.stop(0);
            hostSite = null;
        }
    }

    @Test
    void theCorpusHasOurPayloadsInEveryCategory() {
        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(150);
        assertThat(CORPUS.stream().map(Payload::category).distinct()).contains("script tags", "event handlers",
                "javascript, data and vbscript URLs", "markdown link tricks", "SVG and MathML",
                "mutation XSS and parser confusion", "template and expression injection", "CSS injection",
                "unicode direction, invisible and homoglyph tricks", "encodings", "very long and odd inputs");
        assertThat(CORPUS).allSatisfy(p -> assertThat(p.text()).doesNotContain("{C}", "{N}", "{PAD}"));
        assertThat(CORPUS.stream().map(Payload::text).distinct()).hasSameSizeAs(CORPUS);
    }

    @Test
    void browserAndServerTokenizeMessageMarkdownAlike() throws IOException {
        List<String> inputs = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        for (Map<String, Object> c : MessageMarkdownTestSamples.cases()) {
            inputs.add((String) c.get("input"));
            expected.add(c.get("segments"));
        }
        for (Payload payload : CORPUS) {
            inputs.add(payload.text());
            expected.add(MessageMarkdownTestSamples.asJson(MessageMarkdown.segments(payload.text())));
        }
        for (String fuzzed : MessageMarkdownTestSamples.fuzzInputs()) { // the fuzz
                                                                        // target's
                                                                        // committed
                                                                        // inputs too
            inputs.add(fuzzed);
            expected.add(MessageMarkdownTestSamples.asJson(MessageMarkdown.segments(fuzzed)));
        }
        TrippedBrowser browser = open("tokenizer");
        browser.go(base() + "/login");
        String result = (String) browser.driver.executeAsyncScript("""
                const [inputs, done] = arguments;
                import('/shared/markdown.js').then((m) => done(JSON.stringify(inputs.map(m.segments))),
                    (e) => done('failed: ' + e));
                """, inputs);
        assertThat(result).doesNotStartWith("failed");
        List<Object> actual = JSON.readValue(result, new TypeReference<>() {
        });
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(actual.get(i)).as("the browser's segments of %s", inputs.get(i)).isEqualTo(expected.get(i));
        }
        assertThat(browser.allHits()).isEmpty();
    }

    @Test
    void noPayloadRunsInAnyFieldOnAnySurface() {
        long started = System.nanoTime();
        for (Map.Entry<String, Runnable> field : fields().entrySet()) {
            field.getValue().run();
            System.out.printf("XSS corpus: %s done after %d s%n", field.getKey(),
                    (System.nanoTime() - started) / 1_000_000_000);
        }

        int renderings = tallies.values().stream().mapToInt(Tally::rendered).sum();
        long fields = tallies.keySet()
            .stream()
            .map(k -> k.substring(0, k.indexOf(" @ ")).replaceAll(" \\(.*\\)$", ""))
            .distinct()
            .count();
        long surfaces = tallies.keySet()
            .stream()
            .map(k -> k.substring(k.indexOf(" @ ") + 3, k.indexOf(" (", k.indexOf(" @ "))))
            .distinct()
            .count();
        List<String> hits = browsers.stream().flatMap(b -> b.allHits().stream().map(h -> b.name + ": " + h)).toList();
        tallies.forEach((row, tally) -> System.out.printf("XSS corpus row %-62s rendered %d, refused on input %d%n",
                row, tally.rendered(), tally.refused()));
        System.out.printf(
                "XSS corpus: %d payloads × %d fields × %d surfaces (%d field/surface rows) = %d renderings, "
                        + "executions = %d%n",
                CORPUS.size(), fields, surfaces, tallies.size(), renderings, hits.size());
        assertThat(hits).as("canary calls, dialogs and CSP violations").isEmpty();
        assertThat(tallies).as("field/surface rows").hasSize(35);
        tallies
            .forEach((row, tally) -> assertThat(tally.rendered() + tally.refused()).as(row).isEqualTo(CORPUS.size()));
    }

    // ---- the fields
    // -----------------------------------------------------------------------------------------------

    /**
     * Every user-controlled field, each seeding the corpus through the product's services
     * and checking every surface that shows it with {@link #check} (markdown text) or
     * {@link #checkTexts} (plain text). A new field is a new row.
     */
    private Map<String, Runnable> fields() {
        Map<String, Runnable> fields = new LinkedHashMap<>();
        fields.put("message text", () -> {
            for (int from = 0; from < CORPUS.size(); from += MESSAGES_PER_THREAD) {
                messageText(CORPUS.subList(from, Math.min(CORPUS.size(), from + MESSAGES_PER_THREAD)));
            }
        });
        fields.put("note text", () -> {
            for (int from = 0; from < CORPUS.size(); from += MESSAGES_PER_THREAD) {
                noteText(CORPUS.subList(from, Math.min(CORPUS.size(), from + MESSAGES_PER_THREAD)));
            }
        });
        fields.put("file name", () -> {
            for (int from = 0; from < CORPUS.size(); from += MESSAGES_PER_THREAD) {
                fileNames(CORPUS.subList(from, Math.min(CORPUS.size(), from + MESSAGES_PER_THREAD)));
            }
        });
        fields.put("contact name", () -> contactNames("contact name", false, (contacts, owner, inbox, payload) -> {
            Contact contact = contacts.createVisitor(owner.workspaceId(), inbox.id(), "192.0.2.1");
            return contacts.updateDetails(owner.workspaceId(), contact.id(), owner.id(), payload.text(), "", "");
        }));
        fields.put("identity-token name claim",
                () -> contactNames("identity-token name claim", true,
                        (contacts, owner, inbox, payload) -> contacts.verifiedVisitor(owner.workspaceId(), inbox.id(),
                                "subject-" + payload.number(), payload.text(), "", "192.0.2.1")));
        fields.put("inbox name", this::inboxNames);
        fields.put("member name", this::memberNames);
        fields.put("redaction rule", this::redactionRules);
        fields.put("consent notice", this::consentNotices);
        fields.put("saved reply", this::savedReplies);
        fields.put("search term", this::searchTerms);
        fields.put("label name", this::labelNames);
        return fields;
    }

    /**
     * Message text, both ways: the visitor's messages (as the visitor gateway posts them)
     * rendered live in the widget, live in the agent's open thread and server-rendered in
     * the thread; the agent's replies live in the widget.
     */
    private void messageText(List<Payload> payloads) {
        ChatThread thread = openThread("Corpus");
        ConversationManagement conversations = context.getBean(ConversationManagement.class);
        Map<String, Payload> fromVisitor = new HashMap<>();
        int refused = 0;
        for (Payload payload : payloads) {
            try {
                fromVisitor.put(String.valueOf(conversations
                    .postFromVisitor(thread.owner.workspaceId(), thread.inbox.id(), thread.contact.id(),
                            "v-" + payload.number(), payload.text())
                    .message()
                    .seq()), payload);
            }
            catch (Rejected rejected) {
                refused++;
            }
        }
        check(thread.visitor, "message text (visitor's) @ widget (live)", "#confidant-log",
                ".confidant-msg--visitor[data-seq]:not([data-seq='1'])", ".confidant-msg__text", fromVisitor, refused);
        check(thread.agent, "message text (visitor's) @ dashboard (live)", "#messages",
                "li[data-seq]:not([data-seq='1'])", ".text", fromVisitor, refused);
        thread.agent.reload();
        check(thread.agent, "message text (visitor's) @ dashboard (server-rendered thread)", "#messages",
                "li[data-seq]:not([data-seq='1'])", ".text", fromVisitor, refused);

        Map<String, Payload> fromAgent = new HashMap<>();
        refused = 0;
        for (Payload payload : payloads) {
            try {
                fromAgent.put(String.valueOf(conversations
                    .postFromAgent(thread.grants, thread.conversation, "a-" + payload.number(), payload.text())
                    .message()
                    .seq()), payload);
            }
            catch (Rejected rejected) {
                refused++;
            }
        }
        check(thread.visitor, "message text (agent's) @ widget (live)", "#confidant-log",
                ".confidant-msg--agent[data-seq]", ".confidant-msg__text", fromAgent, refused);
        check(thread.agent, "message text (agent's) @ dashboard (live)", "#messages", "li.msg--agent[data-seq]",
                ".text", fromAgent, refused);
    }

    /**
     * Internal notes: rendered live in the agent's open thread and server-rendered in the
     * thread; the visitor's widget, open all along, never shows one.
     */
    private void noteText(List<Payload> payloads) {
        ChatThread thread = openThread("Notes");
        ConversationManagement conversations = context.getBean(ConversationManagement.class);
        Map<String, Payload> byId = new HashMap<>();
        int refused = 0;
        for (Payload payload : payloads) {
            try {
                byId.put(conversations
                    .addNote(thread.grants, thread.conversation, "n-" + payload.number(), payload.text())
                    .id()
                    .toString(), payload);
            }
            catch (Rejected rejected) {
                refused++;
            }
        }
        check(thread.agent, "note text @ dashboard (live)", "#messages", "li.msg--note[data-note]", ".text", byId,
                refused);
        thread.agent.reload();
        check(thread.agent, "note text @ dashboard (server-rendered thread)", "#messages", "li.msg--note[data-note]",
                ".text", byId, refused);
        assertThat(count(thread.visitor.driver, "#confidant-log .confidant-msg")).as("notes in the widget")
            .isEqualTo(1);
    }

    /**
     * File names, both ways: a file message's text is its normalised name, shown as plain
     * text (never markdown). The visitor's files (uploaded as the widget's upload
     * endpoint does) live in the widget, live in the agent's open thread and
     * server-rendered in the thread; the agent's files live in the widget and in the
     * thread.
     */
    private void fileNames(List<Payload> payloads) {
        ChatThread thread = openThread("Files");
        AttachmentManagement attachments = context.getBean(AttachmentManagement.class);
        VisitorSession session = new VisitorSession("xss-corpus", thread.owner.workspaceId(), thread.inbox.id(),
                thread.contact.id(), false, null, null);
        List<String> fromVisitor = new ArrayList<>();
        for (Payload payload : payloads) {
            fromVisitor.add(attachments.uploadFromVisitor(session, payload.text(), smallTextFile()).fileName());
        }
        String visitorFiles = ".confidant-msg--visitor:has(.confidant-file) .confidant-msg__text";
        tally("file name (visitor's) @ widget (live)", new Tally(checkTexts(thread.visitor,
                "file name (visitor's) @ widget (live)", "#confidant-log", visitorFiles, fromVisitor), 0));
        String dashboardFiles = "li[data-seq]:has(.file) .text";
        tally("file name (visitor's) @ dashboard (live)", new Tally(checkTexts(thread.agent,
                "file name (visitor's) @ dashboard (live)", "#messages", dashboardFiles, fromVisitor), 0));
        thread.agent.reload();
        tally("file name (visitor's) @ dashboard (server-rendered thread)",
                new Tally(checkTexts(thread.agent, "file name (visitor's) @ dashboard (server-rendered thread)",
                        "#messages", dashboardFiles, fromVisitor), 0));

        List<String> fromAgent = new ArrayList<>();
        for (Payload payload : payloads) {
            fromAgent
                .add(attachments.uploadFromAgent(thread.grants, thread.conversation, payload.text(), smallTextFile())
                    .fileName());
        }
        tally("file name (agent's) @ widget (live)",
                new Tally(checkTexts(thread.visitor, "file name (agent's) @ widget (live)", "#confidant-log",
                        ".confidant-msg--agent:has(.confidant-file) .confidant-msg__text", fromAgent), 0));
        tally("file name (agent's) @ dashboard (live)",
                new Tally(checkTexts(thread.agent, "file name (agent's) @ dashboard (live)", "#messages",
                        "li.msg--agent[data-seq]:has(.file) .text", fromAgent), 0));
    }

    private static InputStream smallTextFile() {
        return new ByteArrayInputStream("A small plain-text file.\n".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A visitor's conversation: the widget open on a host page, and the agent's browser
     * on its thread.
     */
    private record ChatThread(Member owner, Grants grants, Inbox inbox, ConversationId conversation, Contact contact,
            TrippedBrowser visitor, TrippedBrowser agent) {
    }

    /**
     * A new workspace whose owner's inbox may be embedded by the host site; the visitor
     * opens the widget there and says hello, and the owner opens the conversation's
     * thread.
     */
    private ChatThread openThread(String inboxName) {
        Member owner = fixtures.workspaceWithOwner();
        Grants grants = fixtures.grants(owner);
        Inbox inbox = context.getBean(InboxManagement.class).create(grants, inboxName);
        ConversationManagement conversations = context.getBean(ConversationManagement.class);

        TrippedBrowser visitor = open("visitor of " + inboxName);
        openWidget(visitor, owner, inbox);
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Hello", Keys.ENTER);
        visitor.until("the first message", d -> count(d, "#confidant-log .confidant-msg[data-seq='1']") == 1);
        ConversationId conversation = conversations.list(grants, ConversationFilter.OPEN)
            .getFirst()
            .conversation()
            .id();
        Contact contact = context.getBean(ContactManagement.class)
            .find(owner.workspaceId(), conversations.find(grants, conversation).orElseThrow().contactId())
            .orElseThrow();

        TrippedBrowser agent = open("agent of " + inboxName);
        signIn(agent, owner);
        agent.go(base() + "/app/conversations/" + conversation);
        agent.until("the thread", d -> count(d, "#messages li[data-seq='1']") == 1);
        return new ChatThread(owner, grants, inbox, conversation, contact, visitor, agent);
    }

    /**
     * Makes a contact whose name comes from the payload, through one of the services that
     * set contact names.
     */
    @FunctionalInterface
    private interface NamedContact {

        Contact make(ContactManagement contacts, Member owner, Inbox inbox, Payload payload);

    }

    /**
     * Contact names, in the dashboard's conversation list (which shows at most 100
     * conversations: the contacts are spread over the Mine, Unassigned and Resolved
     * lists) and, for names a site signed, in the contact card.
     */
    private void contactNames(String field, boolean withCard, NamedContact named) {
        Member owner = fixtures.workspaceWithOwner();
        Grants grants = fixtures.grants(owner);
        Inbox inbox = context.getBean(InboxManagement.class).create(grants, "Contacts");
        ContactManagement contacts = context.getBean(ContactManagement.class);
        ConversationManagement conversations = context.getBean(ConversationManagement.class);
        List<String> filters = List.of("mine", "unassigned", "resolved");
        List<List<String>> expected = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Map<ConversationId, String> cards = new LinkedHashMap<>();
        int refused = 0;
        int shown = 0;
        for (Payload payload : CORPUS) {
            Contact contact;
            try {
                contact = named.make(contacts, owner, inbox, payload);
            }
            catch (Rejected rejected) {
                refused++;
                continue;
            }
            ConversationId conversation = conversations
                .postFromVisitor(owner.workspaceId(), inbox.id(), contact.id(), "c-" + payload.number(), "Hi")
                .message()
                .conversationId();
            int list = shown++ / 90;
            if (list == 0) {
                conversations.assign(grants, conversation, owner.id());
            }
            else if (list == 2) {
                conversations.resolve(grants, conversation);
            }
            expected.get(list).add(asParsed(contact.displayName()));
            cards.put(conversation, asParsed(contact.displayName()));
        }
        assertThat(shown).as("contacts for at most three lists of 90").isLessThanOrEqualTo(270);

        TrippedBrowser agent = open(field);
        signIn(agent, owner);
        String listRow = field + " @ dashboard (conversation list)";
        int rendered = 0;
        for (int list = 0; list < filters.size(); list++) {
            agent.go(base() + "/app/conversations?filter=" + filters.get(list));
            rendered += checkTexts(agent, listRow, "#conversation-list", "li[data-conversation] .contact",
                    expected.get(list));
        }
        tally(listRow, new Tally(rendered, refused));
        if (!withCard) {
            return;
        }
        String cardRow = field + " @ dashboard (contact card)";
        for (Map.Entry<ConversationId, String> card : cards.entrySet()) {
            agent.go(base() + "/app/conversations/" + card.getKey());
            agent.until("the contact card of " + card.getKey(), d -> count(d, "aside.contact-card") == 1);
            assertThat(agent.driver.executeScript("""
                    const card = document.querySelector('aside.contact-card');
                    return { elements: Array.from(card.querySelectorAll('*'), (e) => e.localName).join(' '),
                             names: Array.from(card.querySelectorAll('input[name=displayName]'),
                                 (e) => e.getAttribute('value')) };
                    """)).as(cardRow)
                .isEqualTo(Map.of(
                        // h2's verified pill; the name's label holds its own (the site
                        // signed the name claim); then the side panel's earlier
                        // conversations (none: its heading and its hint)
                        "elements",
                        "h2 span form input label span input label input label input button p span section h3 p",
                        "names", List.of(card.getValue())));
            assertThat(agent.documentProblems()).as(cardRow).isEmpty();
        }
        tally(cardRow, new Tally(cards.size(), refused));
    }

    /**
     * Label names: on the labels page, in the conversation list, in the thread's head
     * (all put on one conversation) and in the list's label filter.
     */
    private void labelNames() {
        Member owner = fixtures.workspaceWithOwner();
        Grants grants = fixtures.grants(owner);
        LabelManagement labels = context.getBean(LabelManagement.class);
        Inbox inbox = fixtures.liveInbox(owner, "labels.test");
        Contact visitor = context.getBean(ContactManagement.class)
            .createVisitor(owner.workspaceId(), inbox.id(), "192.0.2.1");
        ConversationId conversation = context.getBean(ConversationManagement.class)
            .postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "v-1", "Hello")
            .message()
            .conversationId();
        List<String> names = new ArrayList<>();
        int refused = 0;
        for (Payload payload : CORPUS) {
            try {
                Label label = labels.add(grants, payload.text(), LabelColour.RED);
                labels.apply(grants, conversation, label.id());
                names.add(label.name());
            }
            catch (Rejected rejected) {
                refused++;
            }
        }
        TrippedBrowser agent = open("labels");
        signIn(agent, owner);
        agent.go(base() + "/app/labels");
        String page = "label name @ dashboard (labels page)";
        tally(page, new Tally(checkTexts(agent, page, "#workspace-labels", "span.label", names), refused));
        agent.go(base() + "/app/conversations/" + conversation);
        String list = "label name @ dashboard (conversation list)";
        tally(list, new Tally(checkTexts(agent, list, "#conversation-list", ".labels .label", names), refused));
        String thread = "label name @ dashboard (thread)";
        tally(thread, new Tally(checkTexts(agent, thread, "#thread-labels", ".label-name", names), refused));
        String filter = "label name @ dashboard (list filter)";
        tally(filter, new Tally(checkTexts(agent, filter, "#refine-label", "option:not([value=''])", names), refused));
    }

    /**
     * Saved replies, name and text: both on the saved-replies page (a member's own names
     * and the workspace's texts), and each text inserted into the reply box by the
     * picker, where it is the box's value and nothing else.
     */
    private void savedReplies() {
        Member owner = fixtures.workspaceWithOwner();
        Grants grants = fixtures.grants(owner);
        SavedReplyManagement replies = context.getBean(SavedReplyManagement.class);
        List<String> names = new ArrayList<>();
        Map<String, String> bodies = new LinkedHashMap<>();
        int namesRefused = 0;
        int bodiesRefused = 0;
        for (Payload payload : CORPUS) {
            try {
                names.add("/" + replies.add(grants, SavedReplyManagement.Scope.PERSONAL, payload.text(), "Hi").name());
            }
            catch (Rejected rejected) {
                namesRefused++;
            }
            try {
                String name = "zz-body-" + payload.number();
                bodies.put(name,
                        replies.add(grants, SavedReplyManagement.Scope.WORKSPACE, name, payload.text()).body());
            }
            catch (Rejected rejected) {
                bodiesRefused++;
            }
        }
        TrippedBrowser agent = open("saved replies");
        signIn(agent, owner);
        agent.go(base() + "/app/replies");
        int shownNames = checkTexts(agent, "saved reply name @ dashboard (saved-replies page)", "#personal-replies",
                "code.reply-name", names);
        tally("saved reply name @ dashboard (saved-replies page)", new Tally(shownNames, namesRefused));
        int shownBodies = checkTexts(agent, "saved reply text @ dashboard (saved-replies page)", "#workspace-replies",
                ".reply-body", bodies.values().stream().map(XssCorpusEndToEndTests::asParsed).toList());
        tally("saved reply text @ dashboard (saved-replies page)", new Tally(shownBodies, bodiesRefused));

        Inbox inbox = fixtures.liveInbox(owner, "replies.test");
        Contact visitor = context.getBean(ContactManagement.class)
            .createVisitor(owner.workspaceId(), inbox.id(), "192.0.2.1");
        ConversationId conversation = context.getBean(ConversationManagement.class)
            .postFromVisitor(owner.workspaceId(), inbox.id(), visitor.id(), "v-1", "Hello")
            .message()
            .conversationId();
        agent.go(base() + "/app/conversations/" + conversation);
        String row = "saved reply text @ dashboard (reply box)";
        int inserted = 0;
        for (Map.Entry<String, String> reply : bodies.entrySet()) {
            agent.driver.executeScript("document.getElementById('reply').value = ''");
            agent.driver.findElement(By.id("reply")).sendKeys("/" + reply.getKey());
            agent.until("the picker offering " + reply.getKey(),
                    d -> d.findElements(By.cssSelector("#reply-picker li[aria-selected=true]"))
                        .stream()
                        .anyMatch(li -> li.getText().equals("/" + reply.getKey())));
            agent.driver.findElement(By.id("reply")).sendKeys(Keys.ENTER);
            agent.until("the text of " + reply.getKey(),
                    d -> !("/" + reply.getKey()).equals(d.findElement(By.id("reply")).getDomProperty("value")));
            assertThat(agent.driver.findElement(By.id("reply")).getDomProperty("value")).as(row + ": " + reply.getKey())
                .isEqualTo(asParsed(reply.getValue()));
            inserted++;
        }
        assertThat(count(agent.driver, "#messages li[data-seq]")).as(row + ": nothing sent").isEqualTo(1);
        assertThat(agent.documentProblems()).as(row).isEmpty();
        tally(row, new Tally(inserted, bodiesRefused));
    }

    /**
     * Inbox names, on the dashboard's inbox page and in the data lifecycle's inbox
     * choice.
     */
    private void inboxNames() {
        Member owner = fixtures.workspaceWithOwner();
        Grants grants = fixtures.grants(owner);
        InboxManagement inboxes = context.getBean(InboxManagement.class);
        List<String> expected = new ArrayList<>();
        int refused = 0;
        for (Payload payload : CORPUS) {
            try {
                expected.add(asParsed(inboxes.create(grants, payload.text()).name()));
            }
            catch (Rejected rejected) {
                refused++;
            }
        }
        TrippedBrowser agent = open("inboxes");
        signIn(agent, owner);
        agent.go(base() + "/app/inboxes");
        int rendered = checkTexts(agent, "inbox name @ dashboard (inbox list)", "main ul.plain",
                "li > span:first-child", expected);
        tally("inbox name @ dashboard (inbox list)", new Tally(rendered, refused));
        agent.go(base() + "/app/privacy/lifecycle");
        int choices = checkTexts(agent, "inbox name @ dashboard (data lifecycle)", "#inbox-policy", "select > option",
                expected);
        tally("inbox name @ dashboard (data lifecycle)", new Tally(choices, refused));
        agent.go(base() + "/app/reports");
        List<String> lines = new ArrayList<>(expected);
        lines.add("All inboxes");
        int reported = checkTexts(agent, "inbox name @ dashboard (reports)", "#report-inboxes", "tbody th.name", lines);
        tally("inbox name @ dashboard (reports)", new Tally(reported - 1, refused));
    }

    /**
     * Member names: as the author of a reply, live in the widget and server-rendered in
     * the dashboard's thread, and on the members page.
     */
    private void memberNames() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = context.getBean(InboxManagement.class).create(fixtures.grants(owner), "Members");
        ConversationManagement conversations = context.getBean(ConversationManagement.class);
        List<Member> members = new ArrayList<>();
        int refused = 0;
        for (Payload payload : CORPUS) {
            try {
                members.add(fixtures.agent(owner, payload.text()));
            }
            catch (Rejected rejected) {
                refused++;
            }
        }
        assertThat(members).as("replies the thread view shows at once").hasSizeLessThan(MESSAGES_PER_THREAD);
        fixtures.joinInbox(owner, inbox.id(), members.toArray(Member[]::new));

        TrippedBrowser visitor = open("visitor of the members");
        openWidget(visitor, owner, inbox);
        visitor.driver.findElement(By.id("confidant-input")).sendKeys("Hello", Keys.ENTER);
        visitor.until("the first message", d -> count(d, "#confidant-log .confidant-msg[data-seq='1']") == 1);
        ConversationId conversation = conversations.list(fixtures.grants(owner), ConversationFilter.OPEN)
            .getFirst()
            .conversation()
            .id();
        for (Member member : members) {
            conversations.postFromAgent(fixtures.grants(member), conversation, "n-" + member.id(), "Hi");
        }
        List<String> names = members.stream().map(Member::displayName).toList();
        int widget = checkTexts(visitor, "member name @ widget (reply author, live)", "#confidant-log",
                ".confidant-msg--agent .confidant-msg__author", names);
        tally("member name @ widget (reply author, live)", new Tally(widget, refused));

        List<String> parsed = names.stream().map(XssCorpusEndToEndTests::asParsed).toList();
        TrippedBrowser agent = open("owner of the members");
        signIn(agent, owner);
        agent.go(base() + "/app/conversations/" + conversation);
        int thread = checkTexts(agent, "member name @ dashboard (reply author, server-rendered thread)", "#messages",
                "li.msg--agent .author", parsed);
        tally("member name @ dashboard (reply author, server-rendered thread)", new Tally(thread, refused));

        agent.go(base() + "/app/members");
        List<String> everyone = new ArrayList<>(parsed);
        everyone.add(owner.displayName());
        int page = checkTexts(agent, "member name @ dashboard (members page)", "main table",
                "tbody tr td:first-child > a", everyone);
        tally("member name @ dashboard (members page)", new Tally(page - 1, refused));

        // each member answers a conversation first: one line per member on the reports
        // page
        for (Member member : members) {
            ContactId contact = context.getBean(ContactManagement.class)
                .createVisitor(owner.workspaceId(), inbox.id(), "192.0.2.1")
                .id();
            ConversationId asked = conversations
                .postFromVisitor(owner.workspaceId(), inbox.id(), contact, "r-" + member.id(), "Hello")
                .message()
                .conversationId();
            conversations.postFromAgent(fixtures.grants(member), asked, "q-" + member.id(), "Hi");
        }
        agent.go(base() + "/app/reports");
        int reported = checkTexts(agent, "member name @ dashboard (reports, per agent)", "#report-agents",
                "tbody th.name", parsed);
        tally("member name @ dashboard (reports, per agent)", new Tally(reported, refused));
    }

    /**
     * A workspace's redaction rules, name and pattern, on the privacy page; a workspace
     * keeps at most 25 rules, so the corpus is spread over as many workspaces as it
     * takes.
     */
    private void redactionRules() {
        PrivacyManagement privacy = context.getBean(PrivacyManagement.class);
        TrippedBrowser patternsPage = open("privacy page (patterns)");
        TrippedBrowser namesPage = open("privacy page (names)");
        int perWorkspace = 25;
        for (int from = 0; from < CORPUS.size(); from += perWorkspace) {
            List<Payload> chunk = CORPUS.subList(from, Math.min(CORPUS.size(), from + perWorkspace));
            Member patternsOwner = fixtures.workspaceWithOwner();
            Member namesOwner = fixtures.workspaceWithOwner();
            List<String> patterns = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int refusedPatterns = 0;
            int refusedNames = 0;
            for (Payload payload : chunk) {
                try {
                    patterns.add(asParsed(
                            privacy.addRule(fixtures.grants(patternsOwner), "Rule " + payload.number(), payload.text())
                                .pattern()));
                }
                catch (Rejected rejected) {
                    refusedPatterns++;
                }
                try {
                    names.add(asParsed(
                            privacy.addRule(fixtures.grants(namesOwner), payload.text(), "X" + payload.number())
                                .name()));
                }
                catch (Rejected rejected) {
                    refusedNames++;
                }
            }
            int shown = patterns.isEmpty() ? 0 : checkTexts(signedInAnew(patternsPage, patternsOwner),
                    "redaction rule pattern @ dashboard (privacy page)", "#rules", "tbody tr td > code", patterns);
            tally("redaction rule pattern @ dashboard (privacy page)", new Tally(shown, refusedPatterns));
            int shownNames = names.isEmpty() ? 0 : checkTexts(signedInAnew(namesPage, namesOwner),
                    "redaction rule name @ dashboard (privacy page)", "#rules", "tbody tr td:first-child", names);
            tally("redaction rule name @ dashboard (privacy page)", new Tally(shownNames, refusedNames));
        }
    }

    /**
     * An inbox's consent notice, which its visitors read: as the widget shows it (in the
     * chat frame, the frame the server sends to a new visitor's {@code hello}, rendered
     * by the widget's own {@code consent.js}), on the inbox's consent page of the
     * dashboard and on the privacy statement the chat links to.
     */
    private void consentNotices() {
        Member owner = fixtures.workspaceWithOwner();
        Inbox inbox = context.getBean(InboxManagement.class).create(fixtures.grants(owner), "Consent");
        PrivacyManagement privacy = context.getBean(PrivacyManagement.class);
        TrippedBrowser visitor = open("visitor of the consent notices");
        openWidget(visitor, owner, inbox);
        TrippedBrowser admin = open("consent page");
        signIn(admin, owner);
        TrippedBrowser reader = open("privacy statement");
        String widgetRow = "consent notice @ widget (consent frame)";
        String pageRow = "consent notice @ dashboard (consent page)";
        String statementRow = "consent notice @ widget (privacy statement)";
        int widget = 0;
        int page = 0;
        int statement = 0;
        int refused = 0;
        for (Payload payload : CORPUS) {
            String notice;
            try {
                notice = privacy
                    .setInboxPrivacy(fixtures.grants(owner), inbox.id(), ConsentMode.EXPLICIT, VisitorStorage.BROWSER,
                            payload.text(), null)
                    .notice();
            }
            catch (Rejected rejected) {
                refused++;
                continue;
            }
            assertThat(visitor.driver.executeAsyncScript(ASK_CONSENT, inbox.id().toString())).as(widgetRow)
                .isEqualTo("shown");
            widget += checkTexts(visitor, widgetRow, "#confidant-consent", "p", List.of(notice));
            admin.go(base() + "/app/privacy/inboxes/" + inbox.id());
            page += checkTexts(admin, pageRow, "#consent-settings", "textarea", List.of(asParsed(notice)));
            reader.go(base() + "/widget/privacy?inbox=" + inbox.id());
            statement += checkTexts(reader, statementRow, "main", "#notice", List.of(asParsed(notice)));
        }
        tally(widgetRow, new Tally(widget, refused));
        tally(pageRow, new Tally(page, refused));
        tally(statementRow, new Tally(statement, refused));
    }

    /**
     * In the chat frame: a new visitor's {@code hello} on a socket of its own, and the
     * {@code consent} frame it is answered with shown by the widget's {@code consent.js}.
     */
    private static final String ASK_CONSENT = """
            const [inbox, done] = arguments;
            const socket = new WebSocket('ws://' + location.host + '/ws/visitor');
            socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', inbox, host: location.ancestorOrigins[0] }));
            socket.onerror = () => done('failed: the socket');
            socket.onmessage = (event) => {
              socket.close();
              const frame = JSON.parse(event.data);
              if (frame.type !== 'consent') return done('failed: ' + event.data);
              import('/widget/consent.js').then((m) => {
                m.ask(frame, () => {});
                done('shown');
              }, (e) => done('failed: ' + e));
            };
            """;

    /**
     * Search terms, echoed on the search page ("matches …" and the search box) after a
     * plain GET of {@code /app/search?q=}. A term the search refuses counts as refused,
     * and so does one refused before the search sees it (a 400 page, which must echo
     * nothing).
     */
    private void searchTerms() {
        Member owner = fixtures.workspaceWithOwner();
        SearchManagement search = context.getBean(SearchManagement.class);
        TrippedBrowser agent = open("search");
        signIn(agent, owner);
        String row = "search term @ dashboard (search page)";
        int rendered = 0;
        int refused = 0;
        for (Payload payload : CORPUS) {
            String echoed;
            try {
                echoed = search.search(fixtures.grants(owner), payload.text(), 1).query();
            }
            catch (Rejected rejected) {
                refused++;
                continue;
            }
            agent.go(base() + "/app/search?q=" + URLEncoder.encode(payload.text(), StandardCharsets.UTF_8));
            agent.until(row + ": the page of payload " + payload.number(),
                    d -> count(d, "#search-q") + count(d, "main.card h1") == 1);
            if (count(agent.driver, "#search-q") == 0) { // refused before the search
                                                         // (request firewall, server)
                assertThat(agent.driver.findElement(By.cssSelector("main.card h1")).getText())
                    .as("%s: the refusal of payload %d", row, payload.number())
                    .isEqualTo("That request was not understood");
                assertThat(count(agent.driver, "#search-echo")).as("%s: payload %d echoed", row, payload.number())
                    .isZero();
                assertThat(agent.documentProblems()).as(row).isEmpty();
                refused++;
                continue;
            }
            // a text input's value sanitization drops line breaks
            assertThat(agent.driver.findElement(By.id("search-q")).getDomProperty("value"))
                .as("%s: the search box of payload %d", row, payload.number())
                .isEqualTo(echoed.replaceAll("[\r\n]", ""));
            rendered += checkTexts(agent, row, "#search-results", "#search-echo", List.of(asParsed(echoed)));
        }
        tally(row, new Tally(rendered, refused));
    }

    /** The browser, signed out and in again as the member, on the privacy page. */
    private TrippedBrowser signedInAnew(TrippedBrowser browser, Member member) {
        browser.driver.manage().deleteAllCookies();
        signIn(browser, member);
        browser.go(base() + "/app/privacy/ingest");
        return browser;
    }

    // ---- checks
    // ----------------------------------------------------------------------------------------------------

    private void tally(String row, Tally tally) {
        tallies.merge(row, tally, (a, b) -> new Tally(a.rendered() + b.rendered(), a.refused() + b.refused()));
    }

    /**
     * Waits for every accepted message of the row, then checks each one's DOM and text,
     * and the document.
     */
    private void check(TrippedBrowser browser, String row, String root, String item, String textIn,
            Map<String, Payload> bySeq, int refused) {
        browser.until(bySeq.size() + " messages for " + row, d -> count(d, root + " " + item) == bySeq.size());
        List<Map<String, Object>> found = browser.inspect(root, item, textIn, true);
        for (Map<String, Object> node : found) {
            Payload payload = bySeq.get((String) node.get("key"));
            assertThat(payload).as("%s: a message of seq %s", row, node.get("key")).isNotNull();
            assertThat((List<?>) node.get("problems")).as("%s: payload %d", row, payload.number()).isEmpty();
            assertThat(node.get("text")).as("%s: the text of payload %d", row, payload.number())
                .isEqualTo(shownText(payload.text()));
            assertThat(node.get("shape")).as("%s: the nodes of payload %d", row, payload.number())
                .isEqualTo(shape(payload.text()));
        }
        assertThat(browser.documentProblems()).as(row).isEmpty();
        tally(row, new Tally(found.size(), refused));
    }

    /**
     * Checks plain-text fields: no element at all inside, and exactly the expected texts
     * (in any order).
     */
    private int checkTexts(TrippedBrowser browser, String row, String root, String item, List<String> expected) {
        browser.until(expected.size() + " items for " + row, d -> count(d, root + " " + item) == expected.size());
        List<Map<String, Object>> found = browser.inspect(root, item, null, false);
        assertThat(found).as(row).allSatisfy(node -> assertThat((List<?>) node.get("problems")).isEmpty());
        assertThat(found.stream().map(node -> (String) node.get("text")).toList()).as(row)
            .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(browser.documentProblems()).as(row).isEmpty();
        return found.size();
    }

    /**
     * The nodes the segments make: text, strong, em, code, br, and links with their href.
     */
    private static List<String> shape(String text) {
        return MessageMarkdown.segments(text).stream().map(s -> switch (s.kind()) {
            case TEXT -> "text";
            case BOLD -> "strong";
            case ITALIC -> "em";
            case CODE -> "code";
            case LINK -> "a " + s.href();
            case BREAK -> "br";
        }).toList();
    }

    /** Text as the HTML parser hands it to the DOM: line endings become line feeds. */
    private static String asParsed(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /**
     * The text a message shows: its segments' text, line breaks being elements (and line
     * endings normalised).
     */
    private static String shownText(String text) {
        return MessageMarkdown.segments(text)
            .stream()
            .map(s -> s.text() == null ? "" : s.text())
            .collect(Collectors.joining());
    }

    // ---- browsers
    // --------------------------------------------------------------------------------------------------

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private void signIn(TrippedBrowser agent, Member member) {
        agent.go(base() + "/login");
        agent.driver.findElement(By.name("username")).sendKeys(member.email());
        agent.driver.findElement(By.name("password")).sendKeys(Fixtures.PASSWORD);
        agent.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        agent.until("the dashboard after signing in",
                d -> Objects.requireNonNull(d.getCurrentUrl()).equals(base() + "/app/conversations"));
    }

    /**
     * Opens the host site's page of the inbox (allowed to embed it, with the snippet of
     * the install page), clicks the launcher and switches into the chat frame. The first
     * time a browser does so, it proves that the tripwires are installed in the frame's
     * document and catch what they must, then starts over on a fresh page.
     */
    private void openWidget(TrippedBrowser visitor, Member owner, Inbox inbox) {
        String page = hostPage(owner, inbox);
        visitor.go(page);
        visitor.enterWidget();
        if (!visitor.tripwiresProven) {
            visitor.proveTripwires(base());
            visitor.go(page);
            visitor.enterWidget();
        }
        visitor.until("the widget to connect", d -> d.findElement(By.id("confidant-status")).getText().isBlank());
    }

    /**
     * Publishes a host page embedding the inbox's widget and makes its origin the one the
     * inbox allows.
     */
    private String hostPage(Member owner, Inbox inbox) {
        String page = DashboardSession.signIn(port, owner.email(), Fixtures.PASSWORD)
            .get("/app/inboxes/" + inbox.id() + "/install")
            .body();
        Matcher snippet = Pattern.compile("id=\"embed-snippet\"[^>]*>([^<]+)</textarea>").matcher(page);
        assertThat(snippet.find()).as("the snippet on the install page").isTrue();
        hostPages.put("/" + inbox.id(), """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Acme</title><link rel="icon" href="data:,"></head>
                <body><h1>Acme</h1>
                %s
                </body></html>
                """.formatted(HtmlUtils.htmlUnescape(snippet.group(1)).strip()).getBytes(StandardCharsets.UTF_8));
        String origin = "http://localhost:" + hostSite().getAddress().getPort();
        context.getBean(InboxManagement.class).setAllowedDomains(fixtures.grants(owner), inbox.id(), origin);
        return origin + "/" + inbox.id();
    }

    private HttpServer hostSite() {
        if (hostSite == null) {
            try {
                hostSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            }
            catch (IOException e) {
                throw new AssertionError(e);
            }
            hostSite.createContext("/", exchange -> {
                byte[] body = hostPages.get(exchange.getRequestURI().getPath());
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(body != null ? 200 : 404, body != null ? body.length : -1);
                try (OutputStream out = exchange.getResponseBody()) {
                    if (body != null) {
                        out.write(body);
                    }
                }
            });
            hostSite.start();
        }
        return hostSite;
    }

    private TrippedBrowser open(String name) {
        TrippedBrowser browser = new TrippedBrowser(name);
        browsers.add(browser);
        return browser;
    }

    private static int count(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    /**
     * A browser (a shared {@link Browser}) with the tripwires installed in every document
     * it loads.
     */
    private static final class TrippedBrowser {

        final Browser browser;

        final String name;

        final ChromeDriver driver;

        final WebDriverWait wait;

        /** Hits of the documents this browser left (a reload starts a new list). */
        final List<String> earlierHits = new ArrayList<>();

        /**
         * Whether the driver is in the chat frame of a host page (whose tripwires count
         * as well).
         */
        boolean inWidget;

        boolean tripwiresProven;

        TrippedBrowser(String name) {
            // DevTools installs the tripwires in the frames of the page's own process
            // only: the chat frame (another
            // site than the host page) must not get a process of its own (see
            // proveTripwires)
            this.browser = new Browser(name, WAIT, "--disable-site-isolation-trials",
                    "--disable-features=IsolateOrigins,site-per-process");
            this.name = name;
            this.driver = browser.driver;
            this.wait = browser.wait;
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TRIPWIRES));
        }

        void until(String what, Function<WebDriver, Boolean> condition) {
            browser.until(what, condition);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inspect(String root, String item, String textIn, boolean markdown) {
            return (List<Map<String, Object>>) driver.executeScript(INSPECT, root, item, textIn, markdown);
        }

        @SuppressWarnings("unchecked")
        List<String> documentProblems() {
            return (List<String>) driver.executeScript(INSPECT_DOCUMENT);
        }

        /**
         * Leaves the current document (keeping what its tripwires caught) for another.
         */
        void go(String url) {
            earlierHits.addAll(currentHits());
            inWidget = false;
            driver.switchTo().defaultContent();
            driver.get(url);
        }

        /**
         * Clicks the launcher of the host page loaded and switches into the chat frame.
         */
        void enterWidget() {
            driver.switchTo().defaultContent();
            wait.withMessage(name + " waited for the widget's launcher button")
                .until(ExpectedConditions.elementToBeClickable(By.id("confidant-launcher")))
                .click();
            wait.withMessage(name + " waited for the chat frame")
                .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("confidant-frame")));
            inWidget = true;
            until("the chat app in the frame", d -> count(d, "#confidant-form") == 1);
        }

        /**
         * The control: in the chat frame (Confidant's origin, inside the host's), the
         * tripwires are there before any page script and catch a canary call, a dialog
         * and a CSP violation. Leaves the page without keeping the control's own hits
         * (the host page's count).
         */
        void proveTripwires(String confidant) {
            assertThat(driver.executeScript("return [location.origin, typeof window.__xssCanary, window.alert.name, "
                    + "Array.isArray(window.__xssHits) && window.__xssHits.length]"))
                .as("the chat frame's origin, canary, alert stand-in and empty hits")
                .isEqualTo(List.of(confidant, "function", "", 0L));
            driver.executeScript("""
                    window.__xssCanary('control');
                    window.alert('control');
                    const image = document.createElement('img');
                    image.src = 'https://tripwire.invalid/control.png';
                    document.body.append(image);
                    """);
            until("the control's canary call, dialog and CSP violation in the chat frame", d -> {
                List<?> hits = (List<?>) driver.executeScript("return Array.from(window.__xssHits)");
                return hits.size() == 3 && hits.containsAll(List.of("canary control", "alert control"))
                        && hits.stream().anyMatch(h -> h.toString().startsWith("csp img-src https://tripwire.invalid"));
            });
            driver.switchTo().defaultContent();
            inWidget = false;
            earlierHits.addAll(currentHits());
            driver.get("about:blank");
            tripwiresProven = true;
        }

        void reload() {
            earlierHits.addAll(currentHits());
            driver.navigate().refresh();
        }

        /** Everything the tripwires caught, in this document and the ones before it. */
        List<String> allHits() {
            List<String> all = new ArrayList<>(earlierHits);
            all.addAll(currentHits());
            return all;
        }

        private List<String> currentHits() {
            if (driver.getCurrentUrl() == null || !driver.getCurrentUrl().startsWith("http")) {
                return List.of(); // the blank page a browser starts on
            }
            if (!inWidget) {
                return hitsHere();
            }
            List<String> hits = new ArrayList<>(hitsHere().stream().map(h -> "chat frame: " + h).toList());
            driver.switchTo().defaultContent();
            hits.addAll(hitsHere().stream().map(h -> "host page: " + h).toList());
            driver.switchTo().frame("confidant-frame");
            return hits;
        }

        @SuppressWarnings("unchecked")
        private List<String> hitsHere() {
            return (List<String>) driver.executeScript("return Array.from(window.__xssHits || ['tripwires missing'])");
        }

        void close() {
            browser.close();
        }

    }

}
