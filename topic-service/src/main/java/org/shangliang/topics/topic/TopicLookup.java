package org.shangliang.topics.topic;

import org.shangliang.platform.security.CurrentUser;
import org.springframework.stereotype.Component;

/** Read access to topics for the other features of this service (opinions, timeline). */
@Component
public class TopicLookup {

    private final TopicCommands commands;

    TopicLookup(TopicCommands commands) {
        this.commands = commands;
    }

    /** The topic, or 404 when unknown or of another community. */
    public Topic visible(String id, CurrentUser user) {
        return commands.visible(id, user);
    }

    public boolean collectsOpinions(Topic topic) {
        return Topic.UNDECIDED.contains(topic.getStatus());
    }
}
