package dev.promptledger.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

import org.springframework.test.context.ActiveProfiles;

/**
 * Runs a contract test against an in-memory H2 database in PostgreSQL mode (one shared
 * application context).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("h2")
@ActiveProfiles("h2test")
public @interface OnH2 {

}
