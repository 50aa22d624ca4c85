package org.tongban;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every browser test shares: one headless system Chromium per test class, driven by Playwright, started with
 * the flags this machine's closed network needs (DESIGN.md, browser tests). {@code TONGBAN_CHROMIUM} names another
 * executable; {@code .ci/run} installs Chromium when it is missing.
 */
public abstract class BrowserTest {

    protected static Playwright playwright;
    protected static Browser browser;

    @BeforeAll
    static void launchChromium() {
        Path chromium = Paths.get(System.getenv().getOrDefault("TONGBAN_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("Chromium is needed for browser tests (TONGBAN_CHROMIUM, looked for "
                    + chromium + ")");
        }
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** A phone: 375 × 740 CSS pixels, touch, Chinese. */
    protected static Browser.NewContextOptions phoneOptions() {
        return new Browser.NewContextOptions().setViewportSize(375, 740).setIsMobile(true).setHasTouch(true)
                .setLocale("zh-CN");
    }

    /** A new page in a browser context of its own, on a phone. */
    protected static Page phone() {
        return browser.newContext(phoneOptions()).newPage();
    }

    /** The password of every demo account. */
    protected static final String DEMO_PASSWORD = "Tongban#Demo2026";

    /**
     * Signs in on the page through the sign-in form of the app at {@code base} and waits until the person lands on
     * their account, workbench or admin pages.
     */
    protected static void signIn(Page page, String base, String identifier, String password) {
        page.navigate(base + "/signin");
        page.locator("input[name=identifier]").fill(identifier);
        page.locator("input[name=password]").fill(password);
        page.locator("form[action='/signin'] button[type=submit]").click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/(account|workbench|admin).*"));
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }
}
