package dev.promptledger.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * promptledger's own settings ({@code promptledger.*}), most of them fed by the
 * PROMPTLEDGER_* environment variables in application.properties.
 *
 * @param adminToken the bootstrap admin's API token (at least 32 characters), or empty to
 * generate one
 * @param adminPassword the bootstrap admin's web UI password, or empty to generate one
 * @param maxContentBytes the largest prompt content, in bytes of UTF-8
 * @param maxBodyBytes the largest request body; larger than the content limit so content
 * over it gets its own problem
 * @param authFailureLimit how many failed authentications one client address may make in
 * {@code authFailureWindow} before its requests with credentials are refused (429) until
 * the window ends
 * @param authFailureWindow the window of {@code authFailureLimit}
 * @param readCacheBytes roughly how much memory the read cache of prompts may hold
 */
@ConfigurationProperties("promptledger")
public record PromptledgerProperties(String adminToken, String adminPassword,
		@DefaultValue("1048576") int maxContentBytes, @DefaultValue("8388608") int maxBodyBytes,
		@DefaultValue("20") int authFailureLimit, @DefaultValue("60s") java.time.Duration authFailureWindow,
		@DefaultValue("67108864") long readCacheBytes) {

	public static final int MAX_DESCRIPTION_CHARS = 4000;

	public static final int MAX_MESSAGE_CHARS = 2000;

}
