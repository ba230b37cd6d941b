package org.shangliang.topics.topic;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param supportThreshold          supports after which the committee is told (API.md: default 5)
 * @param communitySupportThresholds the threshold of particular communities, by community id
 */
@ConfigurationProperties("shangliang.topics")
public record TopicSettings(Integer supportThreshold, Map<String, Integer> communitySupportThresholds) {

    public TopicSettings {
        supportThreshold = supportThreshold == null ? 5 : supportThreshold;
        communitySupportThresholds = communitySupportThresholds == null ? Map.of() : Map.copyOf(communitySupportThresholds);
    }

    int thresholdOf(String community) {
        return communitySupportThresholds.getOrDefault(community, supportThreshold);
    }
}
