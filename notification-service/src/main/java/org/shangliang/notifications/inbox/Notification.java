package org.shangliang.notifications.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One notification, either personal ({@code recipientId}) or for every holder of a role in a
 * community ({@code audienceCommunity}/{@code audienceRole}: "the committee", including members who
 * sign in for the first time later). Its id is derived from the event and the recipient, so one
 * event makes at most one notification per recipient however often it is delivered. Title and body
 * are rendered in the reader's language from {@code type} and {@code params}.
 */
@Document("notifications")
@CompoundIndexes({
        @CompoundIndex(name = "recipient_created", def = "{'recipientId': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "audience_created", def = "{'audienceCommunity': 1, 'audienceRole': 1, 'createdAt': -1}")})
public class Notification {

    @Id
    private String id;
    private NotificationType type;
    private String recipientId;
    private String audienceCommunity;
    private String audienceRole;
    private String community;
    private String topicId;
    private String meetingId;
    private String ballotId;
    private List<String> params;
    private Instant createdAt;
    private boolean read;
    private List<String> readBy = new ArrayList<>();

    Notification() {
    }

    public Notification(String id, NotificationType type, String recipientId, String audienceCommunity,
                        String audienceRole, String community, String topicId, String meetingId, String ballotId,
                        List<String> params, Instant createdAt) {
        this.id = id;
        this.type = type;
        this.recipientId = recipientId;
        this.audienceCommunity = audienceCommunity;
        this.audienceRole = audienceRole;
        this.community = community;
        this.topicId = topicId;
        this.meetingId = meetingId;
        this.ballotId = ballotId;
        this.params = List.copyOf(params);
        this.createdAt = createdAt;
    }

    public boolean isReadBy(String userId) {
        return recipientId != null ? read : readBy.contains(userId);
    }

    public String getId() { return id; }
    public NotificationType getType() { return type; }
    public String getRecipientId() { return recipientId; }
    public String getCommunity() { return community; }
    public String getTopicId() { return topicId; }
    public String getMeetingId() { return meetingId; }
    public String getBallotId() { return ballotId; }
    public List<String> getParams() { return params; }
    public Instant getCreatedAt() { return createdAt; }
}
