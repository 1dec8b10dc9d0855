package org.confidant.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.access.MatrixWorld;
import org.confidant.access.MatrixWorld.Caller;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.ConversationStatus;
import org.confidant.identity.Member;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.ConversationId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every dashboard page in one headless Chromium, signed in as the owner of the
 * authorization matrix's workspace (conversations, a message with a long unbroken word
 * and a long URL, a file, jobs, audit entries, members, an invitation, saved replies, a
 * search): at 390 pixels wide (a phone) and 768 (a tablet) no page scrolls sideways, and
 * a phone goes from the list to a thread to its details and back; axe-core finds nothing
 * serious or critical in light or dark mode (nor in the widget's chat frame); a reply is
 * written, sent, assigned and resolved by keyboard alone, with a visible focus; and the
 * installable app's service worker keeps static assets only. The pages are every GET
 * route under {@code /app} the application registers (as the authorization matrix sees
 * them) but for the few that answer no page, named with their reason below: a new page
 * cannot be forgotten.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardPagesEndToEndTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The GET routes under /app that answer no page of their own, and why. */
    private static final Map<String, String> NOT_PAGES = Map.ofEntries(
            Map.entry("/app", "sends the member on to /app/conversations"),
            Map.entry("/app/conversations/list", "the conversation list's fragment, for htmx"),
            Map.entry("/app/conversations/{id}/head", "the thread head's fragment, for htmx"),
            Map.entry("/app/conversations/{id}/replies", "the saved replies of the picker, JSON"),
            Map.entry("/app/conversations/{id}/replies/{name}", "one filled-in saved reply, JSON"),
            Map.entry("/app/attachments/{id}/download", "a file download"),
            Map.entry("/app/audit/export", "a CSV or JSON Lines download"),
            Map.entry("/app/jobs/{id}/progress", "the job page's progress fragment, for htmx"),
            Map.entry("/app/privacy/erasure/{job}/receipt", "a signed JSON receipt, a download"),
            Map.entry("/app/privacy/exports/{id}/download", "an export's download"));

    /** The path prefixes the service worker may keep (as in {@code app-shell/sw.js}). */
    private static final List<String> STATIC_PREFIXES = List.of("/css/", "/js/", "/shared/", "/webjars/", "/icons/",
            "/sounds/");

    private static final String LONG_WORD = "Supercalifragilisticexpialidocious".repeat(6);

    private static final String LONG_URL = "https://shop.example.com/orders/" + "a1b2c3d4e5f6".repeat(12) + "?tracking="
            + "Z".repeat(80);

    @Autowired
    ApplicationContext context;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ConversationManagement conversations;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @LocalServerPort
    int port;

    private MatrixWorld world;

    private Browser browser;

    /** The pages, each by its route pattern, as a path with the world's objects in it. */
    private final Map<String, String> pages = new LinkedHashMap<>();

    @BeforeAll
    void aWorldAndABrowserSignedInAsItsOwner() {
        Chromium.requireInstalled();
        world = new MatrixWorld(context);
        conversations.postFromVisitor(world.owner.workspaceId(), world.inboxA.id(), world.contactInA, "long-1",
                "A word that does not fit: " + LONG_WORD + " and a link: " + LONG_URL);
        world.freshInvitation();
        Map<String, String> objects = Map.of("/app/conversations/{id}", world.inA.toString(), "/app/members/{id}",
                world.members.get(Caller.AGENT_IN_INBOX).id().toString(), "/app/jobs/{id}", world.jobInA.toString());
        for (String route : dashboardGetRoutes()) {
            if (NOT_PAGES.containsKey(route)) {
                continue;
            }
            String object = objects.getOrDefault(route, world.inboxA.id().toString());
            String path = route.replaceAll("\\{[^}]+}", object);
            pages.put(route, route.equals("/app/search") ? path + "?q=hello" : path);
        }
        browser = new Browser("owner", WAIT);
        signIn(browser, world.owner);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(0)
    void thePageListIsEveryDashboardRouteButThoseNamedAsNoPage() {
        assertThat(dashboardGetRoutes()).as("every GET route under /app is a page or a named exception")
            .containsAll(NOT_PAGES.keySet());
        assertThat(pages.keySet()).as("the pages, with what the world holds for each")
            .contains("/app/conversations", "/app/conversations/{id}", "/app/audit", "/app/members", "/app/jobs/{id}",
                    "/app/replies", "/app/search", "/app/inboxes/{inboxId}/install")
            .hasSize(dashboardGetRoutes().size() - NOT_PAGES.size());
    }

    @Test
    @Order(1)
    void noPageScrollsSidewaysOnAPhoneOrATablet() {
        List<String> wide = new ArrayList<>();
        try {
            for (int width : List.of(390, 768)) {
                viewport(width, width == 390 ? 844 : 1024);
                for (String path : pages.values()) {
                    open(path);
                    long scrollWidth = (Long) browser.script("return document.documentElement.scrollWidth;");
                    long innerWidth = (Long) browser.script("return window.innerWidth;");
                    assertThat(innerWidth).as("the emulated screen's width").isEqualTo(width);
                    if (scrollWidth > innerWidth) {
                        wide.add(width + " px, " + path + ": " + scrollWidth + " px wide, because of "
                                + browser.strings("""
                                        return Array.from(document.querySelectorAll('body *'))
                                          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                                          .slice(0, 6).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                                            + (typeof e.className === 'string' && e.className.trim()
                                              ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')
                                            + ' → ' + Math.round(e.getBoundingClientRect().right));
                                        """));
                    }
                }
            }
        }
        finally {
            phone(false);
        }
        assertThat(wide).as("pages that scroll sideways on a 390 px phone or a 768 px tablet").isEmpty();
    }

    @Test
    @Order(2)
    void aPhoneGoesFromTheListToAThreadToItsDetailsAndBack() {
        phone(true);
        try {
            open("/app/conversations");
            // the list may be swapped by its live refresh meanwhile: each look finds it
            // anew
            By link = By.cssSelector("#conversation-list li[data-conversation='" + world.inA + "'] a");
            browser.until("the list as the phone's start page", d -> d.findElement(link).isDisplayed());
            browser.until("a tap on the conversation", d -> {
                d.findElement(link).click();
                return true;
            });
            browser.until("the thread", d -> Objects.requireNonNull(d.getCurrentUrl()).contains(world.inA.toString()));
            assertThat(browser.driver.findElement(By.cssSelector(".inbox > .conversations")).isDisplayed())
                .as("the list makes way for the thread")
                .isFalse();
            assertThat(browser.driver.findElement(By.id("thread-title")).isDisplayed()).isTrue();
            browser.driver.findElement(By.cssSelector(".thread-jump a[href='#contact-details']")).click();
            browser.until("the contact's details in view",
                    d -> (Boolean) browser.script("const r = document.getElementById('contact-details')"
                            + ".getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight;"));
            browser.driver.findElement(By.id("back-to-list")).click();
            browser.until("the list again", d -> d.findElement(By.id("conversation-list")).isDisplayed()
                    && !Objects.requireNonNull(d.getCurrentUrl()).contains(world.inA.toString()));
            // wide enough, the list and the thread sit side by side and the phone's links
            // are gone
            phone(false);
            open("/app/conversations/" + world.inA);
            assertThat(browser.driver.findElement(By.cssSelector(".inbox > .conversations")).isDisplayed()).isTrue();
            assertThat(browser.driver.findElement(By.id("back-to-list")).isDisplayed()).isFalse();
        }
        finally {
            phone(false);
        }
    }

    @Test
    @Order(3)
    void axeFindsNothingSeriousOnAnyPageInLightOrDarkMode() {
        List<String> serious = new ArrayList<>();
        try {
            for (String scheme : List.of("light", "dark")) {
                colourScheme(scheme);
                for (String path : pages.values()) {
                    open(path);
                    String background = browser
                        .string("return getComputedStyle(document.documentElement).backgroundColor;");
                    assertThat(background).as("the page's background in " + scheme + " mode on " + path)
                        .isEqualTo(scheme.equals("dark") ? "rgb(18, 21, 27)" : "rgb(244, 246, 249)");
                    for (Axe.Violation violation : Axe.run(browser)) {
                        String line = "[" + scheme + "] " + path + ": " + violation;
                        System.out.println("axe " + line);
                        if (violation.seriousOrWorse()) {
                            serious.add(line);
                        }
                    }
                }
            }
        }
        finally {
            colourScheme("light");
        }
        assertThat(serious).as("serious and critical axe-core violations").isEmpty();
    }

    @Test
    @Order(4)
    void aReplyIsSentAssignedAndResolvedByKeyboardAloneWithAVisibleFocus() {
        ConversationId conversation = world.freshConversation();
        open("/app/conversations");
        tabTo("the conversation in the list", "#conversation-list li[data-conversation='" + conversation + "'] a");
        assertFocusIsVisible();
        keys(Keys.ENTER);
        browser.until("the thread", d -> Objects.requireNonNull(d.getCurrentUrl()).contains(conversation.toString()));

        tabTo("the reply box", "#reply");
        assertFocusIsVisible();
        keys("Sent without a mouse");
        keys(Keys.ENTER);
        browser.until("the sent reply",
                d -> d.findElements(By.cssSelector("#messages li.msg--agent[data-seq] .text"))
                    .stream()
                    .anyMatch(e -> e.getText().equals("Sent without a mouse")));

        tabTo("the assign button", "#assign-me");
        assertFocusIsVisible();
        keys(Keys.ENTER);
        browser.until("the assignment", d -> d.findElement(By.id("thread-assignee")).getText().contains("Assigned to"));

        tabTo("the resolve button", "#resolve");
        assertFocusIsVisible();
        keys(Keys.SPACE);
        browser.until("the resolved thread", d -> d.findElement(By.id("thread-status")).getText().equals("Resolved"));

        var stored = conversations.find(world.owner.workspaceId(), conversation).orElseThrow();
        assertThat(stored.status()).isEqualTo(ConversationStatus.RESOLVED);
        assertThat(stored.assignee()).isEqualTo(world.owner.id());
        assertThat(stored.lastSeq()).as("the visitor's message and the reply").isEqualTo(2);
    }

    @Test
    @Order(5)
    void theServiceWorkerInstallsAndKeepsStaticAssetsOnly() {
        open("/app/conversations/" + world.inA);
        browser.until("the service worker in control",
                d -> (Boolean) browser.script("return navigator.serviceWorker.controller !== null;"));
        // a second look, now through the worker; then what a member fetches of a
        // conversation: its head, a file, the API
        open("/app/conversations/" + world.inA);
        browser.until("the thread", d -> !d.findElements(By.cssSelector("#messages li[data-seq]")).isEmpty());
        Object fetched = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all(Array.prototype.slice.call(arguments, 0, -1).map((u) => fetch(u).then((r) => r.status)))
                  .then((statuses) => done(statuses.join(' '))).catch((e) => done('failed: ' + e));
                """, "/app/conversations/" + world.inA + "/head",
                "/app/attachments/" + world.attachmentInA + "/download", "/app/conversations/list",
                "/manifest.webmanifest", "/icons/icon-192.png");
        assertThat(String.valueOf(fetched)).as("what the page fetched").isEqualTo("200 200 200 200 200");

        @SuppressWarnings("unchecked")
        Map<String, List<String>> cached = (Map<String, List<String>>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const all = {};
                  for (const name of await caches.keys()) {
                    const cache = await caches.open(name);
                    all[name] = (await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
                  }
                  return all;
                })().then(done, (e) => done({ error: [String(e)] }));
                """);
        assertThat(cached).as("the worker's one cache").containsOnlyKeys("confidant-static-v1");
        List<String> urls = cached.get("confidant-static-v1");
        System.out.println("service worker cache: " + urls);
        assertThat(urls).as("static assets were kept").contains("/css/dashboard.css", "/js/dashboard.js");
        assertThat(urls).as("only allowlisted static assets")
            .allSatisfy(url -> assertThat(STATIC_PREFIXES.stream().anyMatch(url::startsWith)).as(url).isTrue())
            .noneMatch(url -> url.contains("?"));

        Map<String, Object> parsed = browser.driver.executeCdpCommand("Page.getAppManifest", Map.of());
        assertThat(String.valueOf(parsed.get("url"))).endsWith("/manifest.webmanifest");
        assertThat((List<?>) parsed.get("errors")).as("the manifest's errors").isEmpty();
        assertThat(browser.severeConsoleEntries()).as("console errors").isEmpty();
    }

    @Test
    @Order(6)
    void axeFindsNothingSeriousInTheWidgetsChatInLightOrDarkMode() {
        var inbox = context.getBean(InboxManagement.class).create(fixtures.grants(world.owner), "widget-axe.test");
        context.getBean(InboxManagement.class).setAllowedDomains(fixtures.grants(world.owner), inbox.id(), origin());
        List<String> serious = new ArrayList<>();
        try (Browser visitor = new Browser("visitor", WAIT)) {
            for (String scheme : List.of("light", "dark")) {
                visitor.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
                visitor.driver.get(origin() + "/demo/" + inbox.id());
                visitor.wait.withMessage("the widget's launcher button")
                    .until(ExpectedConditions.elementToBeClickable(By.id("confidant-launcher")))
                    .click();
                visitor.wait.withMessage("the chat frame")
                    .until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("confidant-frame")));
                visitor.until("the chat app in the frame", d -> !d.findElements(By.id("confidant-form")).isEmpty());
                for (Axe.Violation violation : Axe.run(visitor)) {
                    String line = "[" + scheme + "] widget: " + violation;
                    System.out.println("axe " + line);
                    if (violation.seriousOrWorse()) {
                        serious.add(line);
                    }
                }
                visitor.driver.switchTo().defaultContent();
            }
        }
        assertThat(serious).as("serious and critical axe-core violations in the chat frame").isEmpty();
    }

    private void tabTo(String what, String selector) {
        for (int presses = 0; presses < 120; presses++) {
            if ((Boolean) browser.script(
                    "return document.activeElement !== null" + " && document.activeElement.matches(arguments[0]);",
                    selector)) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("120 presses of Tab did not reach " + what + " (" + selector + ")");
    }

    private void assertFocusIsVisible() {
        @SuppressWarnings("unchecked")
        Map<String, Object> focus = (Map<String, Object>) browser.script("""
                const e = document.activeElement, s = getComputedStyle(e);
                return { visible: e.matches(':focus-visible'), style: s.outlineStyle, width: s.outlineWidth,
                  element: e.outerHTML.slice(0, 80) };
                """);
        assertThat(focus.get("visible")).as("focus-visible on " + focus.get("element")).isEqualTo(true);
        assertThat(focus.get("style")).as("a focus outline on " + focus.get("element")).isNotEqualTo("none");
        assertThat(focus.get("width")).as("a focus outline on " + focus.get("element")).isNotEqualTo("0px");
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    private void open(String path) {
        browser.driver.get(origin() + path);
        browser.until(path + " loaded", d -> "complete".equals(browser.script("return document.readyState;")));
    }

    /**
     * A viewport of 390 by 844 pixels, or the window's again. Not Chromium's mobile mode,
     * whose layout viewport widens to fit a page that is too wide (hiding what this test
     * looks for): here the viewport stays 390 pixels wide, and a page wider than that
     * scrolls.
     */
    private void phone(boolean on) {
        if (on) {
            viewport(390, 844);
        }
        else {
            browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private void viewport(int width, int height) {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", false));
    }

    private void colourScheme(String scheme) {
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    private Set<String> dashboardGetRoutes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            info.getPatternValues()
                .stream()
                .filter(p -> p.equals("/app") || p.startsWith("/app/"))
                .forEach(routes::add);
        }
        return routes;
    }

    private String origin() {
        return "http://127.0.0.1:" + port;
    }

    private void signIn(Browser browser, Member member) {
        browser.driver.get(origin() + "/login");
        browser.driver.findElement(By.name("username")).sendKeys(member.email());
        browser.driver.findElement(By.name("password")).sendKeys(Fixtures.PASSWORD);
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.until("the dashboard after signing in",
                d -> Objects.requireNonNull(d.getCurrentUrl()).contains("/app/conversations"));
    }

}
