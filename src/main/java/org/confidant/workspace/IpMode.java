package org.confidant.workspace;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.modulith.NamedInterface;

/**
 * How much of a person's IP address a workspace keeps wherever an address would be stored
 * or shown (a contact, a dashboard session, the audit log): nothing, the network it came
 * from (the default), or all of it. Rate limits and blocking work on the full address in
 * memory or as a keyed digest whatever the mode (see the widget module).
 */
@NamedInterface("api")
public enum IpMode {

    /** No address is kept. */
    NONE,

    /** The network only: IPv4 to its /24, IPv6 to its /48 ({@code 203.0.113.0/24}). */
    TRUNCATED,

    /** The whole address (personal data: a contact's is stored encrypted). */
    FULL;

    /**
     * What this mode keeps of an address: null for none (and for no address, or one that
     * is not an IP literal), the network with its prefix length, or the address as given.
     */
    public String keep(String address) {
        if (this == NONE || address == null || address.isBlank()) {
            return null;
        }
        if (this == FULL) {
            return address.strip();
        }
        InetAddress parsed = literal(address.strip());
        if (parsed == null) {
            return null;
        }
        byte[] b = parsed.getAddress();
        if (parsed instanceof Inet4Address) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24";
        }
        return Integer.toHexString(((b[0] & 0xff) << 8) | (b[1] & 0xff)) + ":"
                + Integer.toHexString(((b[2] & 0xff) << 8) | (b[3] & 0xff)) + ":"
                + Integer.toHexString(((b[4] & 0xff) << 8) | (b[5] & 0xff)) + "::/48";
    }

    /**
     * The address an IP literal spells (an IPv4-mapped IPv6 address is its IPv4 address),
     * never looked up in DNS; null for anything else.
     */
    private static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = bare.indexOf('%');
        String address = (zone < 0 ? bare : bare.substring(0, zone)).toLowerCase(Locale.ROOT);
        try {
            if (address.indexOf(':') >= 0) {
                // bracketed, the JDK reads it as an IPv6 literal or refuses it: never a
                // name to look up
                return InetAddress.getByName("[" + address + "]");
            }
            String[] parts = address.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3
                        || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return null;
                }
                bytes[i] = (byte) value;
            }
            return InetAddress.getByAddress(bytes);
        }
        catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

}
