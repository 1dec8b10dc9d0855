package org.confidant.realtime;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A visitor's browser in a few words ("Firefox 133 on Linux"), read from the user agent
 * of their socket's handshake: the family, its major version and the platform, for the
 * few families a support agent meets; anything else is "Unknown browser". The raw user
 * agent is never kept or shown, only this summary.
 */
final class Browsers {

    static final String UNKNOWN = "Unknown browser";

    /** Longer user agents are not read (no real browser sends one). */
    private static final int MAX_LENGTH = 512;

    private record Family(String name, Pattern version) {
    }

    /**
     * In the order they are tried: the brands that also say "Chrome" or "Safari" come
     * before them.
     */
    private static final List<Family> FAMILIES = List.of(family("Edge", "Edg(?:e|A|iOS)?"), family("Opera", "OPR"),
            family("Samsung Internet", "SamsungBrowser"), family("Firefox", "(?:Firefox|FxiOS)"),
            family("Chrome", "(?:HeadlessChrome|Chrome|CriOS)"),
            new Family("Safari", Pattern.compile("Version/(\\d{1,4})[.\\d]*.*Safari/")));

    private record Platform(String name, Pattern marker) {
    }

    private static final List<Platform> PLATFORMS = List.of(platform("Android", "Android"),
            platform("iOS", "iPhone|iPad|iPod"), platform("ChromeOS", "CrOS"), platform("Windows", "Windows"),
            platform("macOS", "Macintosh|Mac OS X"), platform("Linux", "Linux|X11"));

    private Browsers() {
    }

    /** The summary of a user agent; null, blank or unrecognised is "Unknown browser". */
    static String summary(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank() || userAgent.length() > MAX_LENGTH) {
            return UNKNOWN;
        }
        for (Family family : FAMILIES) {
            Matcher matcher = family.version().matcher(userAgent);
            if (matcher.find()) {
                String browser = family.name() + " " + Integer.parseInt(matcher.group(1));
                for (Platform platform : PLATFORMS) {
                    if (platform.marker().matcher(userAgent).find()) {
                        return browser + " on " + platform.name();
                    }
                }
                return browser;
            }
        }
        return UNKNOWN;
    }

    private static Family family(String name, String token) {
        return new Family(name, Pattern.compile("\\b" + token + "/(\\d{1,4})\\b"));
    }

    private static Platform platform(String name, String markers) {
        return new Platform(name, Pattern.compile(markers));
    }

}
