package org.shangliang.platform.scheduling;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled work that must run on one instance at a time (ballot clock, meeting reminders, mail
 * dispatch): {@code @Scheduled} plus {@code @SchedulerLock}, with ShedLock's locks in the service's
 * own MongoDB database (collection {@code shedLock}). Active in every service that has ShedLock.
 */
@AutoConfiguration
@ConditionalOnClass({EnableSchedulerLock.class, MongoLockProvider.class})
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class SchedulingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public LockProvider lockProvider(MongoTemplate mongo) {
        return new MongoLockProvider(mongo.getDb());
    }
}
