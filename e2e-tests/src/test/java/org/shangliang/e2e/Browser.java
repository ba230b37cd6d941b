package org.shangliang.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real Chromium (Debian's {@code chromium} and {@code chromium-driver}, headless) looking at the
 * pages through the gateway, as a resident on a phone (390×844) would. It never downloads a browser:
 * without Debian's packages it fails and says how to install them.
 *
 * <p>{@link #check(String)} saves a phone-size screenshot of the page and runs axe-core on it at
 * 390×844 and 1280×800; serious and critical violations are collected for the test to assert on.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("shangliang.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("shangliang.chromedriver", "/usr/bin/chromedriver");
    static final String INSTALL = "apt-get install -y --no-install-recommends chromium chromium-driver fonts-noto-cjk";
    static final Dimension PHONE = new Dimension(390, 844);
    static final Dimension DESKTOP = new Dimension(1280, 800);
    static final Path SHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String base;
    private final List<String> violations = new ArrayList<>();
    private final Path profile;
    private final boolean javascript;

    private Browser(String base, boolean javascript) {
        this.javascript = javascript;
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("The browser tests need Debian's Chromium and its driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ". Install them with: " + INSTALL);
        }
        this.base = base;
        try {
            profile = Files.createTempDirectory("shangliang-chromium-");
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--lang=zh-CN", "--user-data-dir=" + profile,
                "--window-size=" + PHONE.width + "," + PHONE.height);
        if (!javascript) {
            options.addArguments("--blink-settings=scriptEnabled=false");
        }
        var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(PHONE);
    }

    /** A phone browser with JavaScript on. */
    static Browser phone(String base) {
        return new Browser(base, true);
    }

    /** A phone browser with JavaScript switched off: the core flows must work without it. */
    static Browser withoutJavaScript(String base) {
        return new Browser(base, false);
    }

    Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    Browser signIn(String username) {
        open("/login");
        if (!path().startsWith("/login")) {
            signOut();
            open("/login");
        }
        return typeSignIn(username);
    }

    /** Fills the sign-in form that is on the screen now. */
    Browser typeSignIn(String username) {
        field("username").sendKeys(username);
        field("password").sendKeys("demo2026");
        submit(By.cssSelector("main form button[type=submit]"));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !path().startsWith("/login"));
        return this;
    }

    Browser signOut() {
        List<WebElement> buttons = driver.findElements(By.cssSelector("footer form[action='/logout'] button"));
        if (!buttons.isEmpty()) {
            submit(By.cssSelector("footer form[action='/logout'] button"));
        }
        driver.manage().deleteAllCookies();
        return this;
    }

    WebElement field(String id) {
        return driver.findElement(By.id(id));
    }

    Browser type(String id, String text) {
        WebElement field = field(id);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    Browser choose(String name, String value) {
        WebElement radio = driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']"));
        if (!radio.isSelected()) {
            radio.click();
        }
        return this;
    }

    Browser select(String id, String value) {
        new Select(field(id)).selectByValue(value);
        return this;
    }

    /** Clicks a button (or link) and waits for the next page to load. */
    Browser submit(By button) {
        WebElement element = driver.findElement(button);
        element.click();
        try {
            driver.switchTo().alert().accept(); // a confirmation step ("确定提交吗？"): the person taps OK
        } catch (org.openqa.selenium.NoAlertPresentException none) {
            // most forms ask nothing
        }
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(element));
        return this;
    }

    /** Whether the element's page has been replaced by the next one (Chrome says so in more than one way). */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            return e.getMessage() != null && e.getMessage().contains("does not belong to the document");
        }
    }

    /** Clicks the button whose text is exactly {@code text}. */
    Browser press(String text) {
        return submit(By.xpath("//main//button[normalize-space(.)='" + text + "'] | //main//a[normalize-space(.)='" + text + "']"));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String mainText() {
        return driver.findElement(By.tagName("main")).getText();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The server forgets the session, as after its timeout: the browser still sends the old cookie. */
    void expireSession() {
        Cookie cookie = driver.manage().getCookieNamed("SHANGLIANG_SESSION");
        driver.manage().deleteCookie(cookie);
        driver.manage().addCookie(new Cookie.Builder(cookie.getName(), "0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F0F")
                .path(cookie.getPath()).isHttpOnly(true).sameSite("Lax").build());
    }

    /**
     * Saves a phone-size screenshot as {@code target/screenshots/<name>.png}, then scans the page with
     * axe-core (WCAG 2.1 A and AA rules) at phone and desktop size; serious and critical violations are kept.
     */
    Browser check(String name) {
        screenshot(name);
        if (!javascript) {
            return this; // axe runs inside the page: the scans are made by the browsers with JavaScript on
        }
        if (scrollsSideways()) {
            violations.add(name + " scrolls sideways at " + PHONE.width + " px");
        }
        for (Dimension size : List.of(PHONE, DESKTOP)) {
            driver.manage().window().setSize(size);
            Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                    .analyze(driver);
            for (Rule rule : results.getViolations()) {
                if (Set.of("serious", "critical").contains(rule.getImpact())) {
                    violations.add("%s at %dx%d: %s (%s) %s".formatted(name, size.width, size.height, rule.getId(),
                            rule.getImpact(), rule.getNodes().stream().limit(3).map(n -> n.getTarget().toString()).toList()));
                }
            }
        }
        driver.manage().window().setSize(PHONE);
        return this;
    }

    /** The whole page at phone width (the window is made as tall as the page for the picture). */
    void screenshot(String name) {
        try {
            if (javascript) {
                Object height = driver.executeScript("return document.documentElement.scrollHeight");
                int tall = Math.min(8000, Math.max(PHONE.height, ((Number) height).intValue()));
                driver.manage().window().setSize(new Dimension(PHONE.width, tall));
            }
            Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(PHONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the page is wider than the phone's screen (it must never scroll sideways). */
    boolean scrollsSideways() {
        Object wider = driver.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
        return Boolean.TRUE.equals(wider);
    }

    List<String> violations() {
        return violations;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
