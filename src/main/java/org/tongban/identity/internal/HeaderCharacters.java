package org.tongban.identity.internal;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's rules for header names, header values and parameter names, as {@link StrictHttpFirewall}'s defaults
 * state them — every code point assigned and none a control character, a tab allowed in header values — checked by a
 * loop over the characters instead of the default regular expressions. Every request passes them for each of its
 * headers, and a bearer token or a session cookie is hundreds of characters long: the expressions took about 5 % of the
 * CPU of an exchange gateway call.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** Header and parameter names: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    static boolean name(String s) {
        return allowed(s, false);
    }

    /** Header values: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
    static boolean value(String s) {
        return allowed(s, true);
    }

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::name);
        firewall.setAllowedHeaderValues(HeaderCharacters::value);
        firewall.setAllowedParameterNames(HeaderCharacters::name);
        return firewall;
    }

    private static boolean allowed(String s, boolean tab) {
        for (int i = 0; i < s.length();) {
            int c = s.codePointAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++; // printable ASCII, by far the most frequent
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && c == '\t'))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
