package dev.promptledger.ops;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: UP when the database answers, DOWN (503) otherwise. No
 * authentication.
 */
@RestController
class HealthController {

	private static final int TIMEOUT_SECONDS = 2;

	private final DataSource dataSource;

	HealthController(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@io.swagger.v3.oas.annotations.Operation(summary = "UP when the database answers, DOWN (503) otherwise")
	@io.swagger.v3.oas.annotations.security.SecurityRequirements
	@GetMapping("/health")
	ResponseEntity<Map<String, String>> health() {
		boolean up;
		try (Connection connection = this.dataSource.getConnection()) {
			up = connection.isValid(TIMEOUT_SECONDS);
		}
		catch (Exception ex) {
			up = false;
		}
		return up ? ResponseEntity.ok(Map.of("status", "UP"))
				: ResponseEntity.status(503).body(Map.of("status", "DOWN"));
	}

}
