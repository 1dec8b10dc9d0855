package org.confidant.widget.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.inbox.AllowedDomains;
import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.inbox.WebOrigin;
import org.confidant.inbox.WidgetLanguages;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The widget's pages: the loader, the iframe document, each inbox's demo page, and the
 * install page with the embed snippet and the inbox's allowed domains.
 *
 * <p>
 * <b>The gate.</b> The chat runs in an iframe served from Confidant's own origin, so its
 * socket carries Confidant's origin in {@code Origin}, never the host page's. The host
 * page is therefore pinned by the iframe document's {@code
 * Content-Security-Policy: frame-ancestors}, built from the inbox's allowed domains
 * (none: the document is refused with a page nobody may frame), and by the embedding
 * origin the iframe reports in {@code hello} ({@code
 * location.ancestorOrigins}, else the referrer's origin), which
 * {@link org.confidant.widget.VisitorSessions} checks against the same list before
 * storing anything. The visitor socket's handshake must carry Confidant's own origin (see
 * {@code realtime}). The loader makes no HTTP call from the host page. It is served at a
 * content-hashed, immutable URL and the snippet carries its SRI hash, computed at
 * start-up from the exact bytes served; the iframe app behind it may change freely.
 * Loader and iframe exchange only content-free {@code postMessage}s, each side checking
 * the other's window, origin and the message's exact shape; the one with content is the
 * identity token of a visitor signed in on the host site (the snippet's
 * {@code data-confidant-identity}), which the loader sends to Confidant's origin only
 * when the chat app asks, and which the app keeps in memory and sends only in
 * {@code hello}.
 */
@Controller
class WidgetController {

    /** Each language the widget speaks, by its own name. */
    private static final Map<String, String> LANGUAGE_NAMES = names();

    private final InboxManagement inboxes;

    private final WidgetAssets assets;

    WidgetController(InboxManagement inboxes, WidgetAssets assets) {
        this.inboxes = inboxes;
        this.assets = assets;
    }

    /**
     * The loader, at its content-hashed URL: cached for a year by anyone, readable
     * cross-origin so that the host page's browser can check its {@code integrity}. Any
     * other version is not found.
     */
    @GetMapping("/widget/loader.{version}.js")
    ResponseEntity<byte[]> loader(@PathVariable String version) {
        if (!version.equals(assets.loaderVersion())) {
            throw new NotFound("loader");
        }
        return ResponseEntity.ok()
            .contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
            .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
            .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .body(assets.loader());
    }

    /**
     * The chat app's document, which reads the inbox id from its own query string, in the
     * browser's language ({@link WidgetAssets#frame}). Only the inbox's allowed domains
     * may frame it; an inbox without any is not live, and gets a page that says so, which
     * nobody may frame. Its policy allows scripts from Confidant's origin and the one
     * inline script the document has, its import map, by its hash.
     */
    @GetMapping("/widget/frame")
    Object frame(@RequestParam(defaultValue = "") String inbox,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String languages,
            HttpServletResponse response) {
        Inbox found = widgetInbox(inbox).orElseThrow(() -> new NotFound("inbox"));
        AllowedDomains domains = inboxes.allowedDomains(found.workspaceId(), found.id());
        if (domains.isEmpty()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            return "widget/not-live";
        }
        WidgetAssets.Frame frame = assets.frame(inboxes.widgetLanguage(found.workspaceId(), found.id()), languages);
        return ResponseEntity.ok()
            .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
            .cacheControl(CacheControl.noCache())
            .varyBy(HttpHeaders.ACCEPT_LANGUAGE)
            .header("Content-Security-Policy",
                    "default-src 'self'; script-src 'self' " + frame.importMapHash()
                            + "; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                            + "base-uri 'none'; form-action 'none'; frame-ancestors " + domains.asFrameAncestors())
            .body(frame.bytes());
    }

    /**
     * A plain page on Confidant's own origin that embeds the inbox's snippet, so anyone
     * can play the visitor.
     */
    @GetMapping("/demo/{inboxId}")
    String demo(@PathVariable InboxId inboxId, Model model) {
        Inbox inbox = inboxes.findForWidget(inboxId).orElseThrow(() -> new NotFound("inbox"));
        model.addAttribute("inbox", inbox);
        model.addAttribute("loaderUrl", base() + assets.loaderPath());
        model.addAttribute("loaderIntegrity", assets.loaderIntegrity());
        model.addAttribute("allowed", allowsServer(inboxes.allowedDomains(inbox.workspaceId(), inbox.id())));
        return "widget/demo";
    }

    @GetMapping("/app/inboxes/{inboxId}/install")
    String install(Grants me, @PathVariable InboxId inboxId, Model model) {
        Inbox inbox = inboxes.find(me.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
        me.require(Permission.INBOXES_MANAGE);
        AllowedDomains domains = inboxes.allowedDomains(me.workspaceId(), inbox.id());
        return installPage(inbox, domains, domains.asText(), model);
    }

    /**
     * Replaces the inbox's allowed domains; a bad entry is a 400 that names it, and
     * nothing is stored.
     */
    @PostMapping("/app/inboxes/{inboxId}/allowed-domains")
    String allowedDomains(Grants me, @PathVariable InboxId inboxId, @RequestParam(defaultValue = "") String domains,
            Model model, HttpServletResponse response) {
        try {
            inboxes.setAllowedDomains(me, inboxId, domains);
            return "redirect:/app/inboxes/" + inboxId + "/install?saved";
        }
        catch (Rejected rejected) {
            Inbox inbox = inboxes.find(me.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return installPage(inbox, inboxes.allowedDomains(me.workspaceId(), inbox.id()), domains, model);
        }
    }

    /**
     * Fixes the language of the inbox's widget, or leaves it to the visitor's browser
     * ({@code auto}); a value that is neither is a 400 naming the field, and nothing is
     * stored.
     */
    @PostMapping("/app/inboxes/{inboxId}/widget-language")
    String widgetLanguage(Grants me, @PathVariable InboxId inboxId, @RequestParam(defaultValue = "") String language,
            Model model, HttpServletResponse response) {
        try {
            inboxes.setWidgetLanguage(me, inboxId, language);
            return "redirect:/app/inboxes/" + inboxId + "/install?languageSaved";
        }
        catch (Rejected rejected) {
            Inbox inbox = inboxes.find(me.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
            AllowedDomains domains = inboxes.allowedDomains(me.workspaceId(), inbox.id());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("languageError", rejected.getMessage());
            return installPage(inbox, domains, domains.asText(), model);
        }
    }

    private String installPage(Inbox inbox, AllowedDomains domains, String typed, Model model) {
        String base = base();
        String server = serverOrigin();
        model.addAttribute("inbox", inbox);
        model.addAttribute("snippet", EmbedSnippet.of(base, assets, inbox.id()));
        model.addAttribute("demoUrl", base + "/demo/" + inbox.id());
        model.addAttribute("live", !domains.isEmpty());
        model.addAttribute("domains", typed);
        model.addAttribute("serverOrigin", server);
        model.addAttribute("serverAllowed", allowsServer(domains));
        model.addAttribute("withServer", domains.isEmpty() ? server : domains.asText() + "\n" + server);
        model.addAttribute("language", inboxes.widgetLanguage(inbox.workspaceId(), inbox.id()));
        model.addAttribute("languages", LANGUAGE_NAMES);
        return "widget/install";
    }

    private Optional<Inbox> widgetInbox(String id) {
        try {
            return inboxes.findForWidget(InboxId.of(id));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String tag : WidgetLanguages.SUPPORTED) {
            Locale language = Locale.forLanguageTag(tag);
            String name = language.getDisplayLanguage(language);
            names.put(tag, name.substring(0, 1).toUpperCase(language) + name.substring(1));
        }
        return names;
    }

    /** Whether the inbox's demo page, on Confidant's own origin, may embed the widget. */
    private static boolean allowsServer(AllowedDomains domains) {
        return WebOrigin.parse(serverOrigin()).map(domains::permits).orElse(false);
    }

    /** Confidant's own origin as this request reached it. */
    private static String serverOrigin() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).build().toUriString();
    }

    /**
     * Confidant's own origin as this request reached it, plus the context path, if any.
     */
    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

}
