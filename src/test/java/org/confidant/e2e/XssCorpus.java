package org.confidant.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The XSS corpus ({@code /xss/corpus.txt}): our own payloads, each numbered and each
 * calling {@code top.__xssCanary(<number>)} if it ever runs. The file's header says how a
 * line is written.
 */
final class XssCorpus {

    /**
     * One payload: its number (what the canary reports), the category it was written
     * under, and the text.
     */
    record Payload(int number, String category, String text) {
    }

    private static final String PAD;

    static {
        StringBuilder pad = new StringBuilder();
        while (pad.length() < 4_600) {
            pad.append("**[x](_`y`_) *");
        }
        PAD = pad.substring(0, 4_600);
    }

    private XssCorpus() {
    }

    static List<Payload> load() {
        List<Payload> payloads = new ArrayList<>();
        String category = "uncategorised";
        try (InputStream in = XssCorpus.class.getResourceAsStream("/xss/corpus.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("# category: ")) {
                    category = line.substring("# category: ".length());
                }
                else if (!line.isEmpty() && !line.startsWith("# ")) {
                    int number = payloads.size() + 1;
                    String text = unescape(line).replace("{C}", "top.__xssCanary(" + number + ")")
                        .replace("{N}", String.valueOf(number))
                        .replace("{PAD}", PAD);
                    payloads.add(new Payload(number, category, text));
                }
            }
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        return List.copyOf(payloads);
    }

    /**
     * Backslash escapes: n, r, t, a backslash, and u with four hex digits; any other
     * backslash stays as it is.
     */
    private static String unescape(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\' || i + 1 == line.length()) {
                out.append(c);
                continue;
            }
            char next = line.charAt(i + 1);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(line.substring(i + 2, i + 6), 16));
                    i += 4;
                }
                default -> {
                    out.append(c);
                    continue;
                }
            }
            i++;
        }
        return out.toString();
    }

}
