package org.shangliang.topics.topic;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.web.ProblemException;
import org.shangliang.topics.place.CommunityPlaces;

/** The topic-service's rejections and problems, with message keys in messages*.properties. */
final class TopicProblems {

    private TopicProblems() {
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("Topic", id);
    }

    static Rejection wrongStatus(TopicStatus current, String action) {
        return Rejection.conflict("topic.wrong-status", "The topic is " + current + "; cannot " + action,
                status(current), Rejection.label("action." + action.replace(' ', '-'), action))
                .with("currentStatus", current.name());
    }

    /** A move the status machine does not allow, with both statuses named in the caller's language. */
    static Rejection wrongMove(TopicStatus current, TopicStatus to) {
        return Rejection.conflict("topic.wrong-status", "The topic is " + current + "; cannot move to " + to,
                status(current), Rejection.label("action.move-to", "move to " + to, status(to)))
                .with("currentStatus", current.name());
    }

    private static Rejection.Label status(TopicStatus status) {
        return Rejection.label("status." + status.name(), status.name());
    }

    /**
     * A scope that is neither the proposer's home (or above it), nor their community, nor a place of the
     * community's roll; names (in {@code language}) what exists at the deepest level the scope got right.
     */
    static Rejection unknownScope(String scope, CommunityPlaces roll, UnaryOperator<String> names, String language) {
        if (roll == null) {
            return Rejection.invalid("topic.scope.no-roll", "The community has no owners' roll yet: choose your own "
                    + "entrance, building, estate or the whole community, not " + scope, names.apply(scope))
                    .with("field", "scope").with("value", scope);
        }
        String parent = scope;
        List<String> known = List.of();
        while (parent.contains("/") && known.isEmpty()) {
            parent = parent.substring(0, parent.lastIndexOf('/'));
            known = roll.within(parent).stream().map(CommunityPlaces.Place::path).limit(50).toList();
        }
        return Rejection.invalid("topic.scope.unknown", "The community's owners' roll has no " + scope + "; you can "
                        + "choose: " + String.join(", ", known), names.apply(scope),
                known.isEmpty() ? "—" : known.stream().map(names).collect(Collectors.joining("en".equals(language) ? "; " : "、")))
                .with("field", "scope").with("value", scope).with("allowed", known);
    }

    static Rejection conflict(String key, String english, Object... args) {
        return Rejection.conflict(key, english, args);
    }
}
