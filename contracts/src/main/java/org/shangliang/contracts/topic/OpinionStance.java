package org.shangliang.contracts.topic;

public enum OpinionStance {
    SUPPORT, OPPOSE, CONCERN, SUGGESTION
}
