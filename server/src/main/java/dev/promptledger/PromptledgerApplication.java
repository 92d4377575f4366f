package dev.promptledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.promptledger.cli.Commands;

/**
 * Serves the API and the web UI, or runs one of the operator's commands ({@code help}
 * lists them).
 */
@SpringBootApplication
public class PromptledgerApplication {

	public static void main(String[] args) {
		if (Commands.isCommand(args)) {
			System.exit(Commands.run(PromptledgerApplication.class, args, System.out, System.err));
		}
		SpringApplication.run(PromptledgerApplication.class, args);
	}

}
