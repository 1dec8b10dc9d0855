package org.confidant.system.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What makes the dashboard an installable web app: its manifest and its service worker,
 * public (a browser asks for both without the session) and served from the root, so that
 * the worker's scope is the whole origin. The worker keeps static assets only, never a
 * page, an API answer or an attachment ({@code app-shell/sw.js} says how).
 */
@Controller
class InstallableAppController {

    private static final MediaType MANIFEST = MediaType.parseMediaType("application/manifest+json");

    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

    @GetMapping("/manifest.webmanifest")
    ResponseEntity<Resource> manifest() {
        return ResponseEntity.ok().contentType(MANIFEST).body(new ClassPathResource("app-shell/manifest.webmanifest"));
    }

    @GetMapping("/sw.js")
    ResponseEntity<Resource> serviceWorker() {
        return ResponseEntity.ok().contentType(JAVASCRIPT).body(new ClassPathResource("app-shell/sw.js"));
    }

}
