package org.shangliang.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the public API is: the gateway's address as this server reaches it, and how long a call may
 * take before the page says the service is unavailable.
 */
@ConfigurationProperties("shangliang.web.gateway")
public record GatewayProperties(String url, Duration connectTimeout, Duration readTimeout) {

    public GatewayProperties {
        url = url == null || url.isBlank() ? "http://127.0.0.1:8080" : url.replaceAll("/+$", "");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
    }
}
