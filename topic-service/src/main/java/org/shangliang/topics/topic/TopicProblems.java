package org.shangliang.topics.topic;

import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.web.ProblemException;

/** The topic-service's problems, with message keys in messages*.properties. */
final class TopicProblems {

    private TopicProblems() {
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("Topic", id);
    }

    static ProblemException wrongStatus(TopicStatus current, String action) {
        return ProblemException.conflict("topic.wrong-status", "The topic is " + current + "; cannot " + action,
                current, action).with("currentStatus", current.name());
    }

    static ProblemException conflict(String key, String english, Object... args) {
        return ProblemException.conflict(key, english, args);
    }
}
