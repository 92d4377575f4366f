package dev.promptledger.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, pointed at the system browser and driver
 * so that Selenium Manager never tries to download one.
 */
public final class Browser implements AutoCloseable {

	public static final String CHROMIUM = "/usr/bin/chromium";

	public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private final ChromeDriver driver;

	private final Path profile;

	private final String base;

	public Browser(String base, int width, int height) throws IOException {
		this(base, width, height, true);
	}

	/** A browser with JavaScript switched off when {@code javascript} is false. */
	public Browser(String base, int width, int height, boolean javascript) throws IOException {
		this.base = base;
		this.profile = Files.createTempDirectory("promptledger-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--user-data-dir=" + this.profile, "--window-size=" + width + "," + height);
		if (!javascript) {
			options.setExperimentalOption("prefs",
					java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().implicitlyWait(Duration.ZERO);
	}

	public static boolean available() {
		return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void open(String path) {
		this.driver.get(this.base + path);
	}

	public WebElement find(String css) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
	}

	/** Clicks what submits a form or follows a link, and waits for the next page. */
	public void clickAndWait(String css) {
		WebElement element = find(css);
		element.click();
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(driver -> gone(element));
	}

	/**
	 * Whether the element left the document; while the next page replaces it, Chromium
	 * may answer with another error than a stale reference, which means the same.
	 */
	private static boolean gone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			return true;
		}
	}

	/**
	 * Waits until the page shows {@code text}; while a navigation replaces the page,
	 * Chromium may answer a read of the old body with an error other than a stale
	 * reference ("does not belong to the document"), which means the same: look again.
	 */
	public void waitForText(String text) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
	}

	public String text() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	public boolean exists(String css) {
		return !this.driver.findElements(By.cssSelector(css)).isEmpty();
	}

	public void logIn(String username, String password) {
		this.driver.manage().deleteAllCookies();
		open("/ui/login");
		find("#username").sendKeys(username);
		find("#password").sendKeys(password);
		find("button[type=submit]").click();
		waitForText("Log out");
	}

	/** Saves what the browser shows under target/screenshots/, for people to look at. */
	public void screenshot(String name) throws IOException {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		File shot = this.driver.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() throws IOException {
		this.driver.quit();
		try (var files = Files.walk(this.profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
