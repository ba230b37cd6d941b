package org.shangliang.contracts.meeting;

import java.util.List;

import org.shangliang.contracts.IntegrationEvent;


/**
 * A meeting's events concern all its agenda topics; the first agenda topic is their record key and
 * CloudEvents subject, so every event of one meeting stays in order on one partition.
 */
public interface MeetingEvent extends IntegrationEvent {

    String meetingId();

    List<String> topicIds();

    @Override
    default String topicId() {
        return topicIds().get(0);
    }
}
