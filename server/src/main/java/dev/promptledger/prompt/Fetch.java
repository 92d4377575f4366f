package dev.promptledger.prompt;

import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

import dev.promptledger.http.ApiException;
import dev.promptledger.http.EntityTags;
import dev.promptledger.http.Ids;
import dev.promptledger.version.PromptView;

/**
 * The application fetch, {@code GET /prompts/{id}} and {@code GET /prompts/lookup}, as
 * both read paths understand it: the controller and the fast path in front of the
 * framework parse, select and answer through here, so they cannot disagree.
 * <p>
 * A fetch names a prompt by id or by name, selects the version to show, may insist on the
 * database ({@code Cache-Control: no-cache}), and may hold an If-None-Match.
 */
public record Fetch(UUID id, String name, Selector selector, boolean fresh, String ifNoneMatch) {

	/** The paths of the two fetches, for routing and for timing them. */
	public static final String BY_ID = "/prompts/{id}";

	public static final String LOOKUP = "/prompts/lookup";

	/** The query parameters each fetch defines. */
	static final Set<String> BY_ID_PARAMETERS = Set.of("label", "version");

	static final Set<String> LOOKUP_PARAMETERS = Set.of("name", "label", "version");

	private static final String PREFIX = "/prompts/";

	/**
	 * A fetch by id.
	 * @throws ApiException 404 for an id that cannot be one, 400 for a bad selector
	 */
	static Fetch byId(String id, String label, String version, String cacheControl, String ifNoneMatch) {
		return byId(Ids.prompt(id), label, version, cacheControl, ifNoneMatch);
	}

	private static Fetch byId(UUID id, String label, String version, String cacheControl, String ifNoneMatch) {
		return new Fetch(id, null, Selector.of(label, version), EntityTags.freshRequested(cacheControl), ifNoneMatch);
	}

	/**
	 * A fetch by name.
	 * @throws ApiException 400 without a name, or for a bad selector
	 */
	static Fetch byName(String name, String label, String version, String cacheControl, String ifNoneMatch) {
		if (name == null || name.isEmpty() || name.length() > PromptRequests.MAX_NAME_CHARS) {
			throw ApiException.invalidParameter("name", "is required: the prompt's name");
		}
		return new Fetch(null, name, Selector.of(label, version), EntityTags.freshRequested(cacheControl), ifNoneMatch);
	}

	/**
	 * The fetch a raw request asks for, or null when it is not a well-formed fetch with
	 * only the parameters the fetch defines, each once (the full stack answers those).
	 */
	public static Fetch of(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return null;
		}
		String path = request.getRequestURI();
		if (!path.startsWith(PREFIX)) {
			return null;
		}
		String cacheControl = request.getHeader(HttpHeaders.CACHE_CONTROL);
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		try {
			if (path.equals(LOOKUP)) {
				if (!onlyDefined(request, LOOKUP_PARAMETERS)) {
					return null;
				}
				return byName(request.getParameter("name"), request.getParameter("label"),
						request.getParameter("version"), cacheControl, ifNoneMatch);
			}
			UUID id = Ids.parse(path.substring(PREFIX.length()));
			if (id == null || !onlyDefined(request, BY_ID_PARAMETERS)) {
				return null;
			}
			return byId(id, request.getParameter("label"), request.getParameter("version"), cacheControl, ifNoneMatch);
		}
		catch (ApiException | IllegalArgumentException ex) {
			// a bad selector, an undecodable parameter: the full stack's to answer
			return null;
		}
	}

	/** Whether this fetch is by name. */
	public boolean isLookup() {
		return this.id == null;
	}

	/** The fetched prompt, from memory when it may be, else from the database. */
	PromptView read(PromptReads reads) {
		return isLookup() ? reads.lookup(this.name, this.selector, this.fresh)
				: reads.read(this.id, this.selector, this.fresh);
	}

	/**
	 * The fetched prompt if it is in memory and may be served from there, else null.
	 */
	public PromptView peek(PromptReads reads) {
		if (this.fresh) {
			return null;
		}
		return isLookup() ? reads.peek(this.name, this.selector) : reads.peek(this.id, this.selector);
	}

	/**
	 * Whether the client's copy is the one it would get: the answer is then a 304 with
	 * the same ETag.
	 */
	public boolean notModified(PromptView view) {
		return EntityTags.ifNoneMatchHits(this.ifNoneMatch, view.shown().id());
	}

	/** The ETag of the answer: the version shown. */
	public static String etag(PromptView view) {
		return EntityTags.of(view.shown().id());
	}

	/** The body of the answer. */
	public static PromptResponse body(PromptView view) {
		return PromptResponse.of(view, true);
	}

	/** The Cache-Control of every answer: clients revalidate, with If-None-Match. */
	public static final String CACHE_CONTROL = "no-cache";

	private static boolean onlyDefined(HttpServletRequest request, Set<String> defined) {
		for (var parameter : request.getParameterMap().entrySet()) {
			if (!defined.contains(parameter.getKey()) || parameter.getValue().length != 1) {
				return false;
			}
		}
		return true;
	}

}
