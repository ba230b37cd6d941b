package org.shangliang.topics.topic;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.shangliang.contracts.Labels;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.membership.Memberships;
import org.shangliang.platform.outbox.AggregateLocks;
import org.shangliang.platform.outbox.ChangeBatches;
import org.shangliang.platform.outbox.Conflicts;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ProblemException;
import org.shangliang.topics.place.CommunityPlaces;
import org.shangliang.topics.place.PlaceBook;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Every change a request makes to a topic: load, check, change, save with its events, retry on a lost race. */
@Service
public class TopicCommands {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final TopicSettings settings;
    private final PlaceBook places;
    private final AggregateLocks locks = new AggregateLocks(256);
    private final ChangeBatches<SupportRequest> supportBatches = new ChangeBatches<>(locks);
    private final Memberships supports;
    private final Counter supportsAccepted;

    public TopicCommands(MongoTemplate mongo, Clock clock, TopicSettings settings, PlaceBook places, Memberships supports,
                         MeterRegistry meters) {
        this.mongo = mongo;
        this.supports = supports;
        this.supportsAccepted = meters.counter("shangliang.supports.accepted");
        this.places = places;
        this.clock = clock;
        this.settings = settings;
    }

    Topic propose(TopicRequests.NewTopic body, CurrentUser user) {
        if (!user.contains(body.scope())) {
            throw ProblemException.forbidden("problem.forbidden.community", "The scope must lie inside your community");
        }
        String community = body.scope().split("/")[0];
        var roll = places.of(community).orElse(null);
        if (!CommunityPlaces.known(body.scope(), user.home(), user.isStreetLevel() ? null : user.community(), roll)) {
            String language = Labels.languageOf(LocaleContextHolder.getLocale());
            throw TopicProblems.unknownScope(body.scope(), roll, places.names(language), language);
        }
        Topic topic = Topic.propose(UUID.randomUUID().toString(), body.title().strip(),
                body.description() == null ? "" : body.description().strip(), body.category(), body.scope(),
                user.id(), user.name(), settings.thresholdOf(community), clock.instant());
        Topic proposed = mongo.insert(topic);
        supports.write(proposed.getId(), proposed.supportChanges());
        return proposed;
    }

    /** Load, change, save with its events (retried on a lost race), then write its support changes. */
    Topic change(String id, CurrentUser user, Consumer<Topic> change) {
        return locks.with(id, () -> Conflicts.retry(() -> {
            Topic topic = visible(id, user);
            change.accept(topic);
            Topic saved = mongo.save(topic);
            supports.write(saved.getId(), saved.supportChanges());
            return saved;
        }));
    }

    /** A resident supports the topic; {@code shangliang_supports_accepted_total} counts it. */
    Topic support(String id, CurrentUser user) {
        Topic supported = supportBatches.submit(id, new SupportRequest(user, true), batch -> supportOrWithdraw(id, batch));
        supportsAccepted.increment();
        return supported;
    }

    void withdrawSupport(String id, CurrentUser user) {
        supportBatches.submit(id, new SupportRequest(user, false), batch -> supportOrWithdraw(id, batch));
    }

    /** One resident's support or its withdrawal, waiting to be applied with the others that arrived meanwhile. */
    private record SupportRequest(CurrentUser user, boolean support) {
    }

    /**
     * Supports and withdrawals of one topic that arrived together, applied in order to one loaded copy and
     * saved once (a refused one, such as a second support, is refused alone), then written as documents.
     */
    private List<ChangeBatches.Outcome> supportOrWithdraw(String id, List<SupportRequest> batch) {
        return Conflicts.retry(() -> {
            Topic topic = mongo.findById(id, Topic.class);
            Set<String> stored = supports.storedMembersAmong(id, batch.stream().map(r -> r.user().id()).toList());
            Instant now = clock.instant();
            List<ChangeBatches.Outcome> outcomes = new ArrayList<>(batch.size());
            boolean changed = false;
            for (SupportRequest request : batch) {
                String resident = request.user().id();
                try {
                    if (topic == null || !request.user().canSee(topic.getCommunity())) {
                        throw TopicProblems.notFound(id);
                    }
                    if (request.support()) {
                        topic.support(resident, stored.contains(resident), now);
                    } else {
                        topic.withdrawSupport(resident, stored.contains(resident), now);
                    }
                    outcomes.add(null);
                    changed = true;
                } catch (Rejection | ProblemException refused) {
                    outcomes.add(ChangeBatches.Outcome.refused(refused));
                }
            }
            if (changed) {
                Topic saved = mongo.save(topic);
                supports.write(saved.getId(), saved.supportChanges());
                outcomes.replaceAll(o -> o == null ? ChangeBatches.Outcome.of(saved) : o);
            }
            return outcomes;
        });
    }

    /** Of these topics, the ones the user supports: their documents, overruled by changes still on a topic. */
    Set<String> supportedAmong(List<Topic> topics, CurrentUser user) {
        return supports.memberAmong(topics, Topic::getId, Topic::supportChanges, user.id());
    }

    /** The topic, or 404 when it does not exist or belongs to another community. */
    Topic visible(String id, CurrentUser user) {
        Topic topic = mongo.findById(id, Topic.class);
        if (topic == null || !user.canSee(topic.getCommunity())) {
            throw TopicProblems.notFound(id);
        }
        return topic;
    }

    Clock clock() {
        return clock;
    }

    /** For the event handlers of other streams: the same per-topic serialisation. */
    public <T> T serialised(String topicId, Supplier<T> work) {
        return locks.with(topicId, work);
    }
}
