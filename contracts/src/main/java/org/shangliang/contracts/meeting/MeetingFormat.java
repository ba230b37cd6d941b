package org.shangliang.contracts.meeting;

public enum MeetingFormat {
    IN_PERSON, ONLINE, HYBRID
}
