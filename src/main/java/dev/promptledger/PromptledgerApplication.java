package dev.promptledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PromptledgerApplication {

	public static void main(String[] args) {
		SpringApplication.run(PromptledgerApplication.class, args);
	}

}
