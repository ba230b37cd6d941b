package org.shangliang.platform;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.platform.testing.Streams;
import org.shangliang.platform.testapp.PlatformTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The platform test app against the real broker and store, over the network. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=platform-test", "shangliang.events.initial-back-off=50ms",
                "shangliang.events.retries=2", "shangliang.outbox.sweep-interval=500ms"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
public abstract class PlatformIntegrationTest {

    protected static List<ConsumerRecord<String, byte[]>> read(String stream,
            Predicate<ConsumerRecord<String, byte[]>> filter, int expected, Duration timeout) {
        return Streams.read(stream, filter, expected, timeout);
    }
}
