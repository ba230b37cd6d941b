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
                status(current), ProblemException.label("action." + action.replace(' ', '-'), action))
                .with("currentStatus", current.name());
    }

    /** A move the status machine does not allow, with both statuses named in the caller's language. */
    static ProblemException wrongMove(TopicStatus current, TopicStatus to) {
        return ProblemException.conflict("topic.wrong-status", "The topic is " + current + "; cannot move to " + to,
                status(current), ProblemException.label("action.move-to", "move to " + to, status(to)))
                .with("currentStatus", current.name());
    }

    private static Object status(TopicStatus status) {
        return ProblemException.label("status." + status.name(), status.name());
    }

    static ProblemException conflict(String key, String english, Object... args) {
        return ProblemException.conflict(key, english, args);
    }
}
