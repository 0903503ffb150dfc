package io.gigagate;

import io.gigagate.config.CommandLineFlags;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring Boot entry point. Spring's components all live in {@code io.gigagate.config}; the rest of
 * the code is plain Java that the configuration classes wire, so only that package is scanned (the
 * whole tree was read class by class, twice, at every start: bench/results.md, start-up).
 */
@SpringBootApplication(scanBasePackages = "io.gigagate.config")
@ConfigurationPropertiesScan("io.gigagate.config")
public class Application {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, CommandLineFlags.toSpringArguments(args));
    }
}
