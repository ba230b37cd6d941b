package org.shangliang.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize   the largest request body (API.md: 1 MiB, else 413)
 * @param bodySizeLimits larger limits for some paths (Ant patterns), e.g. {@code /api/rolls/**: 10MB}
 */
@ConfigurationProperties("shangliang.http")
public record WebProperties(DataSize maxBodySize, Map<String, DataSize> bodySizeLimits) {

    public WebProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        bodySizeLimits = bodySizeLimits == null ? Map.of() : new LinkedHashMap<>(bodySizeLimits);
    }
}
