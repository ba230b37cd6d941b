package org.shangliang.gateway.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param perUser          requests per {@code period} of one signed-in user ({@code sub})
 * @param perAddress       requests per {@code period} from one client address without a token
 * @param loginPerUsername wrong passwords for one username from one address before each further try of that
 *                         pair waits, doubling (5; see SignInGuard): slows guessing, never locks the owner out
 * @param loginPerAddress  wrong passwords per {@code loginPeriod} from one address over all usernames, against
 *                         spraying; generous (300 per 5 minutes) because a community office terminal or a
 *                         shared NAT address signs in many residents legitimately
 * @param maxBodySize      the largest request body (API.md: over 1 MiB is 413)
 * @param rollBodySize     the largest roll upload (a CSV of up to 50,000 rows)
 * @param pagesPerAddress  page requests (HTML, styles, scripts) per {@code period} from one address: generous
 *                         (3,000 a minute) because a community office or a shared NAT address serves many
 *                         residents; what the pages ask of the API is limited per user
 */
@ConfigurationProperties("shangliang.gateway.limits")
public record LimitProperties(Long perUser, Long perAddress, Duration period, Long loginPerUsername,
                              Long loginPerAddress, Duration loginPeriod, DataSize maxBodySize, DataSize rollBodySize,
                              Long pagesPerAddress) {

    public LimitProperties {
        perUser = perUser == null ? 600L : perUser;
        perAddress = perAddress == null ? 300L : perAddress;
        period = period == null ? Duration.ofMinutes(1) : period;
        loginPerUsername = loginPerUsername == null ? 5L : loginPerUsername;
        loginPerAddress = loginPerAddress == null ? 300L : loginPerAddress;
        loginPeriod = loginPeriod == null ? Duration.ofMinutes(5) : loginPeriod;
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        rollBodySize = rollBodySize == null ? DataSize.ofMegabytes(10) : rollBodySize;
        pagesPerAddress = pagesPerAddress == null ? 3000L : pagesPerAddress;
    }
}
