package io.gigagate;

import io.gigagate.config.CommandLineFlags;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication(scanBasePackages = "io.gigagate.config")
@ConfigurationPropertiesScan("io.gigagate.config")
public class Application {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, CommandLineFlags.toSpringArguments(args));
    }
}
