package org.shangliang.votes;

import org.junit.jupiter.api.Test;
import org.shangliang.infra.ServiceChecks;
import org.shangliang.infra.SharedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructure.class)
class ServiceStartsTest {

    @LocalServerPort
    int port;

    @Test
    void isHealthyAgainstTheRealBrokerAndStoreRefusesAnonymousCallsAndDocumentsItsApi() {
        ServiceChecks.healthyGuardedAndDocumented(port);
    }
}
