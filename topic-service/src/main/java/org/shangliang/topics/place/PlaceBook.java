package org.shangliang.topics.place;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.PlaceNames;
import org.shangliang.contracts.vote.RollUploaded;
import org.shangliang.platform.events.EventSubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The places of every community's current roll, kept from vote-service's {@code RollUploaded}: which
 * scopes exist, and what they are called.
 */
@Configuration(proxyBeanMethods = false)
public class PlaceBook {

    private static final Logger log = LoggerFactory.getLogger(PlaceBook.class);

    private final MongoTemplate mongo;

    PlaceBook(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Bean
    EventSubscriptions rollPlaces() {
        return EventSubscriptions.builder().on(EventCatalogue.ROLL_UPLOADED, e -> keep(e.data())).build();
    }

    /** Keeps a roll's places unless a newer roll of the community is kept already (a late or repeated event). */
    public void keep(RollUploaded roll) {
        var places = new CommunityPlaces(roll.community(), roll.rollId(), roll.uploadedAt(),
                roll.places().stream().map(p -> new CommunityPlaces.Place(p.path(), p.name())).toList());
        Query olderOrNone = new Query(Criteria.where("_id").is(roll.community())
                .orOperator(Criteria.where("uploadedAt").lt(roll.uploadedAt()), Criteria.where("uploadedAt").exists(false)));
        try {
            mongo.findAndReplace(olderOrNone, places, FindAndReplaceOptions.options().upsert());
            log.info("Places of {} from roll {}: {}", roll.community(), roll.rollId(), places.places().size());
        } catch (DuplicateKeyException newerKept) {
            log.info("Roll {} of {} uploaded at {} is not newer than the one kept; ignored", roll.rollId(),
                    roll.community(), roll.uploadedAt());
        }
    }

    /** The places of a community's current roll, empty while it has none. */
    public Optional<CommunityPlaces> of(String community) {
        return Optional.ofNullable(mongo.findById(community, CommunityPlaces.class));
    }

    /** Names scopes in a language ({@code zh-CN} or {@code en}), reading each community's roll once. */
    public UnaryOperator<String> names(String language) {
        Map<String, Optional<CommunityPlaces>> read = new HashMap<>();
        return scope -> PlaceNames.of(scope, path -> read.computeIfAbsent(path.split("/")[0], this::of)
                .map(p -> p.nameOf(path)).orElse(null), language);
    }
}
