package org.shangliang.contracts;

/** The Kafka topics ("streams" here, to keep them apart from 议题): one per producing service. */
public enum EventStream {
    TOPICS("shangliang.topics", "/shangliang/topic-service"),
    MEETINGS("shangliang.meetings", "/shangliang/meeting-service"),
    VOTES("shangliang.votes", "/shangliang/vote-service");

    private final String streamName;
    private final String source;

    EventStream(String streamName, String source) {
        this.streamName = streamName;
        this.source = source;
    }

    /** The Kafka topic name. */
    public String streamName() {
        return streamName;
    }

    /** The CloudEvents {@code source} of every event on this stream. */
    public String source() {
        return source;
    }

    /** Where records that cannot be processed after retries end up. */
    public String deadLetterStreamName() {
        return streamName + ".DLT";
    }
}
