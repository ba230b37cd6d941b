package org.shangliang.infra;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the JVM's shared real broker and store and at the test token
 * issuer: {@code @ContextConfiguration(initializers = SharedInfrastructure.class)}. Each application
 * gets its own database, named after {@code spring.application.name}.
 */
public class SharedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        String database = environment.getProperty("spring.application.name", "shangliang") + "-test";
        environment.getPropertySources().addFirst(new MapPropertySource("sharedTestInfrastructure", Map.of(
                "spring.kafka.bootstrap-servers", TestInfrastructure.kafka().bootstrapServers(),
                "spring.mongodb.uri", TestInfrastructure.store().uri(database),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens.shared().jwkSetUri(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER,
                "spring.security.oauth2.resourceserver.jwt.audiences", TestTokens.AUDIENCE)));
    }
}
