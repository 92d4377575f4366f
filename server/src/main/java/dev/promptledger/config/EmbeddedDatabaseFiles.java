package dev.promptledger.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;

/**
 * The embedded H2 database's folder and files are its owner's only, like backups (they
 * hold password and token hashes): the folder is made {@code rwx------} before the
 * database opens, and the files in it {@code rw-------} once it has, since H2 creates
 * them with the process's umask.
 */
class EmbeddedDatabaseFiles
		implements BeanFactoryPostProcessor, EnvironmentAware, ApplicationListener<ContextRefreshedEvent> {

	private static final String PREFIX = "jdbc:h2:file:";

	private Path folder;

	@Override
	public void setEnvironment(Environment environment) {
		this.folder = folderOf(environment.getProperty("spring.datasource.url"));
	}

	/** The folder of an H2 file database URL, or null for any other database. */
	static Path folderOf(String url) {
		if (url == null || !url.startsWith(PREFIX)) {
			return null;
		}
		String path = url.substring(PREFIX.length());
		int options = path.indexOf(';');
		Path file = Path.of(options < 0 ? path : path.substring(0, options)).toAbsolutePath();
		return file.getParent();
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (this.folder == null || !posix()) {
			return;
		}
		try {
			Files.createDirectories(this.folder);
			Files.setPosixFilePermissions(this.folder, PosixFilePermissions.fromString("rwx------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make the database folder " + this.folder + " private", ex);
		}
		restrictFiles();
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (this.folder != null && posix()) {
			restrictFiles();
		}
	}

	private void restrictFiles() {
		try (Stream<Path> files = Files.list(this.folder)) {
			for (Path file : files.toList()) {
				if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make the database files in " + this.folder + " private", ex);
		}
	}

	private static boolean posix() {
		return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

}
