package org.shangliang.topics.topic;

import org.shangliang.platform.membership.Memberships;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The residents' supports as their own documents in {@code supports} (one per topic and resident, a
 * withdrawn one kept inactive): a topic counts a support in the save that raises its events
 * ({@code Topic.supportChanges}), and {@link TopicCommands} writes it there right after. Topics stored with a
 * {@code supporterIds} list are moved over before the service takes requests.
 */
@Configuration(proxyBeanMethods = false)
class SupportStorage {

    @Bean
    Memberships supports(MongoTemplate mongo) {
        return new Memberships(mongo, new Memberships.Kind("supports", "topics", "supportChanges", "supporterIds",
                "supportCount"));
    }
}
