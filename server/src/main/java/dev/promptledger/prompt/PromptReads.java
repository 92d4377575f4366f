package dev.promptledger.prompt;

import java.util.UUID;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.promptledger.cache.Coherence;
import dev.promptledger.cache.CoherentCache;
import dev.promptledger.config.PromptledgerProperties;
import dev.promptledger.http.ApiException;
import dev.promptledger.http.ErrorCode;
import dev.promptledger.label.LabelService;
import dev.promptledger.version.PromptView;
import dev.promptledger.version.Version;
import dev.promptledger.version.VersionRef;
import dev.promptledger.version.VersionService;

/**
 * The application fetch path: a prompt by id or by name, at its latest version, a label
 * or a version. Hot reads come from memory; every write anywhere invalidates them (see
 * {@link Coherence}), and a request may insist on the database ({@code fresh}).
 */
@Service
public class PromptReads implements MeterBinder {

	private record Key(UUID promptId, String selector) {
	}

	private final VersionService versions;

	private final LabelService labels;

	private final CoherentCache<Key, PromptView> views;

	private final CoherentCache<String, UUID> names;

	private final TransactionTemplate loads;

	PromptReads(VersionService versions, LabelService labels, Coherence coherence, PromptledgerProperties properties,
			PlatformTransactionManager transactions) {
		this.loads = new TransactionTemplate(transactions);
		this.loads.setReadOnly(true);
		this.versions = versions;
		this.labels = labels;
		this.views = coherence.promptCache("prompt_views",
				Caffeine.newBuilder()
					.maximumWeight(properties.readCacheBytes())
					.weigher((Key key, PromptView view) -> view.weight()),
				(Key key, PromptView view) -> key.promptId());
		this.names = coherence.promptCache("prompt_names", Caffeine.newBuilder().maximumSize(100_000),
				(String name, UUID id) -> id);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.views.bindTo(registry);
		this.names.bindTo(registry);
	}

	/**
	 * The prompt as the selector says; {@code fresh} skips the cache. A hit touches no
	 * database connection.
	 */
	public PromptView read(UUID id, Selector selector, boolean fresh) {
		if (fresh) {
			return load(id, selector);
		}
		return this.views.get(new Key(id, selector.key()), () -> load(id, selector));
	}

	/**
	 * The live prompt with this name at its latest version, read from the database, or
	 * null when no live prompt has it: for a write that creates or changes by name.
	 */
	public PromptView current(String name) {
		try {
			return lookup(name, Selector.LATEST, true);
		}
		catch (ApiException ex) {
			if (ex.code() == ErrorCode.PROMPT_NOT_FOUND) {
				return null;
			}
			throw ex;
		}
	}

	/** The live prompt with this name, as the selector says. */
	public PromptView lookup(String name, Selector selector, boolean fresh) {
		UUID id = fresh ? null : this.names.peek(name);
		if (id != null) {
			PromptView view = readOrNull(id, selector, false);
			if (view != null && view.latest().name().equals(name)) {
				return view;
			}
			this.names.invalidate(name);
		}
		if (fresh) {
			return read(idByName(name), selector, true);
		}
		return read(this.names.get(name, () -> idByName(name)), selector, false);
	}

	/**
	 * The cached answer for a read by id, or null when it is not in memory or memory may
	 * not be used now: for a fast path that never touches the database.
	 */
	public PromptView peek(UUID id, Selector selector) {
		return this.views.peek(new Key(id, selector.key()));
	}

	/**
	 * The cached answer for a read by name, or null (see {@link #peek(UUID, Selector)}).
	 */
	public PromptView peek(String name, Selector selector) {
		UUID id = this.names.peek(name);
		PromptView view = id == null ? null : peek(id, selector);
		return view != null && view.latest().name().equals(name) ? view : null;
	}

	private UUID idByName(String name) {
		return this.versions.idByName(name)
			.orElseThrow(() -> new ApiException(ErrorCode.PROMPT_NOT_FOUND, "No prompt named '" + name + "'."));
	}

	private PromptView readOrNull(UUID id, Selector selector, boolean fresh) {
		try {
			return read(id, selector, fresh);
		}
		catch (ApiException ex) {
			if (ex.code() == ErrorCode.PROMPT_NOT_FOUND) {
				return null;
			}
			throw ex;
		}
	}

	private PromptView load(UUID id, Selector selector) {
		return this.loads.execute(status -> loadInTransaction(id, selector));
	}

	private PromptView loadInTransaction(UUID id, Selector selector) {
		PromptView prompt = this.versions.prompt(id).orElseThrow(() -> PromptService.notFound(id));
		if (selector.isLatest()) {
			return prompt;
		}
		VersionRef ref;
		if (selector.label() != null) {
			UUID target = this.labels.target(id, selector.label()).orElse(null);
			if (target == null) {
				throw new ApiException(ErrorCode.LABEL_NOT_FOUND,
						"Prompt " + id + " has no label '" + selector.label() + "'.");
			}
			ref = new VersionRef(target, null);
		}
		else {
			ref = selector.version();
		}
		Version version = ref == null ? null : this.versions.find(id, ref).orElse(null);
		if (version == null) {
			throw new ApiException(ErrorCode.VERSION_NOT_FOUND,
					"Prompt " + id + " has no version " + selector.rawVersion() + ".");
		}
		return prompt.showing(version);
	}

}
