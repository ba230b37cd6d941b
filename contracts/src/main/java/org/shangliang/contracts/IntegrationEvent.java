package org.shangliang.contracts;

/**
 * The data of one integration event. The event's CloudEvents attributes (id, type, source, time,
 * request id) travel in the record headers; the data is this object as JSON.
 */
public interface IntegrationEvent {

    /**
     * The topic (议题) the event is about: the record key and the CloudEvents {@code subject}, so one
     * topic's events stay in order on one partition.
     */
    String topicId();

    /**
     * The record key and the CloudEvents {@code subject}: the topic, or for an event about no topic
     * (a community's roll) what it is about instead.
     */
    default String subject() {
        return topicId();
    }

    /** The community the event belongs to, for consumers that keep per-community views. */
    String community();
}
