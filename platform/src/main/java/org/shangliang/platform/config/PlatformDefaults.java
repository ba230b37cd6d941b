package org.shangliang.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * The settings every service shares (loopback binding, the environment variables of Kafka, MongoDB
 * and the token issuer, JSON errors, Kafka consumer defaults), added with the lowest precedence so a
 * service's own configuration and the environment always win.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "shangliang-platform-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("shangliangPlatformDefaults",
                    new ClassPathResource(RESOURCE, PlatformDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
