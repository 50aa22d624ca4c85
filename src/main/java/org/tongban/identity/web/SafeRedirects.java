package org.tongban.identity.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a "return to" parameter may send the browser: only a path on this site. Absolute URLs, scheme-relative
 * ({@code //evil.example}) and backslash tricks ({@code /\evil.example}) fall back, so no link of ours can bounce a
 * person to another site (open redirect, CWE-601).
 */
final class SafeRedirects {

    private SafeRedirects() {
    }

    static String localPath(String target, String fallback) {
        if (target == null || target.isBlank() || target.length() > 500 || !target.startsWith("/")
                || target.startsWith("//") || target.contains("\\") || target.contains("{") || target.contains("}") || target.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return fallback;
        }
        try {
            URI uri = new URI(target);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return fallback;
            }
        } catch (URISyntaxException e) {
            return fallback;
        }
        return target;
    }
}
