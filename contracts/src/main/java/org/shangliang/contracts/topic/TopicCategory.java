package org.shangliang.contracts.topic;

public enum TopicCategory {
    ELEVATOR, EV_CHARGING, PARKING, GREENERY, SANITATION, SAFETY, PROPERTY_SERVICE, PUBLIC_FACILITY, OTHER
}
