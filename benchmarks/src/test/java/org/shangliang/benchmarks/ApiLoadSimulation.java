package org.shangliang.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Issue 12's load benchmark, open model (arrivals at a fixed rate, whatever the answers take), each step
 * first through the gateway, then straight to topic-service, so that {@link BenchmarkReport} can print
 * the gateway's ratio: reading a topic, proposing, and a crowd of residents supporting one topic (each
 * once, each quarter of the crowd reported on its own). Rates, sizes and steps are system properties
 * ({@code -Drate=50 -Dseconds=30 -Dsupporters=4000 -DsupportRate=50 -Dclients=16
 * -Dburst=5000 -DburstRate=100 -DburstProposeRate=60 -Downers=50000 -DvoteRate=500
 * -Dsteps=vote,read,saturate,propose,support,burst}; {@code vote}, {@code saturate} and {@code burst} run only when named,
 * {@code vote} first: {@link OwnersBallot});
 * docs/benchmarks.md has the command and the figures.
 */
public class ApiLoadSimulation extends Simulation {

    private static final LocalStackTarget STACK = LocalStackTarget.fromEnvironment();
    private static final int RATE = Integer.getInteger("rate", 50);
    private static final Duration STEP = Duration.ofSeconds(Integer.getInteger("seconds", 30));
    private static final int SUPPORTERS = Integer.getInteger("supporters", 4000);
    private static final int CLIENTS = Integer.getInteger("clients", 16);
    private static final int BURST = Integer.getInteger("burst", 5000);
    private static final int BURST_RATE = Integer.getInteger("burstRate", 100);
    /** Proposals are what the machine takes through the gateway, without time-outs (about 100 per second measured). */
    private static final int BURST_PROPOSE_RATE = Integer.getInteger("burstProposeRate", 60);
    private static final int NOTIFICATIONS_PORT = LocalStackTarget.port("NOTIFICATION_SERVICE_PORT", 8084);
    private static final int MEETINGS_PORT = LocalStackTarget.port("MEETING_SERVICE_PORT", 8082);
    private static final int SUPPORT_RATE = Integer.getInteger("supportRate", 50);
    /** A pause before each step, so that what the step before left queued (events, notifications) does not fall on it. */
    private static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("settle", 10));
    /** Which steps run, in this order ({@code -Dsteps=support} runs only the supports). */
    private static final List<String> STEPS = List.of(System.getProperty("steps", "read,propose,support").split(","));

    private static final int OWNERS = Integer.getInteger("owners", 50_000);
    private static final int VOTE_RATE = Integer.getInteger("voteRate", 500);
    private static final String VOTES = "http://127.0.0.1:" + LocalStackTarget.port("VOTE_SERVICE_PORT", 8083);
    /** The warm-up's length through each door ({@code -DwarmUp=20} seconds): the first step starts after both. */
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("warmUp", 20));

    /** Half the owners vote through the gateway, the other half straight to vote-service: each phase this long. */
    private static Duration votePhase() {
        return Duration.ofMillis(OWNERS / 2 * 1000L / VOTE_RATE);
    }

    // open until both phases of votes are over, with five minutes to spare (each phase waits at most a minute for a
    // quiet machine first): a phase ends when its last vote is
    // answered, which on an overloaded machine is up to Gatling's 60 s request time-out after the last arrival,
    // and the other steps' tokens are signed after the ballot is set up
    private final OwnersBallot ballot = STEPS.contains("vote") ? OwnersBallot.prepare(STACK, VOTES, OWNERS,
            WARM_UP.multipliedBy(2).plus(SETTLE.plus(votePhase()).multipliedBy(2)).plusMinutes(5)) : null;

    private final java.util.Queue<String> burstTopics = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong burstStarted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong burstLastAccepted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger burstAccepted = new java.util.concurrent.atomic.AtomicInteger();
    private volatile double toldBefore;

    private final String readTopic = STACK.propose(STACK.gateway, "越江新村31号楼加装电梯（压测阅读）");

    private HttpProtocolBuilder to(String base) {
        return http.baseUrl(base).acceptHeader("application/json").contentTypeHeader("application/json")
                .acceptLanguageHeader("zh-CN");
    }

    private PopulationBuilder read(String via, String base) {
        String name = "read a topic (" + via + ")";
        return scenario(name).feed(listFeeder(STACK.residents("bench-reader", 1_000)).circular())
                .exec(http(name).get("/api/topics/" + readTopic).header("Authorization", "Bearer #{token}")
                        .check(status().is(200)))
                .injectOpen(nothingFor(SETTLE), constantUsersPerSec(RATE).during(STEP)).protocols(to(base));
    }

    /**
     * Saturation, closed model as the issue measured it with wrk: {@code -Dclients=16} clients, each on its
     * own connection, reading one topic again and again for the step's time; requests per second is the figure.
     * Each read is a different resident's, in turn among 1,000: with one resident per client, the gateway's limit
     * of 600 requests a minute per person answered most reads 429 once the gateway was fast enough to reach it.
     */
    private PopulationBuilder saturate(String via, String base) {
        String name = "read at saturation (" + via + ")";
        var residents = listFeeder(STACK.residents("bench-saturating", 1_000)).circular();
        return scenario(name)
                .during(STEP).on(feed(residents).exec(http(name).get("/api/topics/" + readTopic)
                        .header("Authorization", "Bearer #{token}").check(status().is(200))))
                .injectOpen(nothingFor(SETTLE), atOnceUsers(CLIENTS)).protocols(to(base));
    }

    /**
     * A burst of accepted topics (issue 12: visible downstream within 10 s): {@code -Dburst=5000} residents each
     * propose a topic ({@code -DburstProposeRate=60} per second, not measured), then the committee accepts them
     * all at {@code -DburstRate=100} per second through the gateway. Measured from the first acceptance until
     * notification-service has told every proposer (its {@code TOPIC_STATUS_CHANGED} count) and meeting-service
     * has no lag left on the topics' stream; printed by {@link #after()}.
     */
    private PopulationBuilder burst() {
        PopulationBuilder propose = scenario("burst: propose").feed(listFeeder(STACK.numberedResidents("bench-burst", BURST)).queue())
                .exec(http("burst: propose").post("/api/topics").header("Authorization", "Bearer #{token}")
                        .body(io.gatling.javaapi.core.CoreDsl.StringBody("""
                                {"title": "越江新村31号楼楼道灯第#{n}号提议", "description": "负载测试：一批将被受理的议题。", "category": "OTHER", "scope": "yuejiang/yuejiang-xincun/31"}"""))
                        .check(status().is(201), io.gatling.javaapi.core.CoreDsl.jsonPath("$.id").saveAs("id")))
                .exec(session -> {
                    if (session.contains("id")) {
                        burstTopics.add(session.getString("id"));
                    }
                    return session;
                })
                .injectOpen(nothingFor(SETTLE), constantUsersPerSec(BURST_PROPOSE_RATE)
                        .during(Duration.ofMillis(BURST * 1000L / BURST_PROPOSE_RATE)))
                .protocols(to(STACK.gateway));
        // the gateway allows one person 600 requests a minute: the acceptances are shared by 50 committee members
        List<String> committee = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            committee.add(STACK.committeeToken(i));
        }
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Iterator<Map<String, Object>> accepted = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return true; // an arrival after the last proposal (some were refused) has nothing to accept
            }

            @Override
            public Map<String, Object> next() {
                String id = burstTopics.poll();
                return Map.of("id", id == null ? "" : id, "committee", committee.get(taken.getAndIncrement() % committee.size()));
            }
        };
        PopulationBuilder accept = scenario("burst: accept").feed(accepted)
                .exec(session -> {
                    burstStarted.compareAndSet(0, System.nanoTime());
                    return session;
                })
                .doIf(session -> !session.getString("id").isEmpty()).then(
                        exec(http("burst: accept (gateway)").post("/api/topics/#{id}/review").header("Authorization", "Bearer #{committee}")
                                .body(io.gatling.javaapi.core.CoreDsl.StringBody("{\"decision\": \"ACCEPT\"}")).check(status().is(200)))
                        .exec(session -> {
                            if (!session.isFailed()) {
                                burstAccepted.incrementAndGet();
                                burstLastAccepted.set(System.nanoTime());
                            }
                            return session;
                        }))
                .injectOpen(nothingFor(SETTLE), constantUsersPerSec(BURST_RATE).during(Duration.ofMillis(BURST * 1000L / BURST_RATE)))
                .protocols(to(STACK.gateway));
        // the notices made before the first acceptance, read while none is in flight (read by the first acceptance,
        // the others went on meanwhile: one told before the reading came back made the count never reach the burst)
        PopulationBuilder beforeAccepting = scenario("burst: notices so far").exec(session -> {
            toldBefore = LocalStackTarget.metric(NOTIFICATIONS_PORT, "shangliang_notifications_total",
                    "type=\"TOPIC_STATUS_CHANGED\"");
            return session;
        }).injectOpen(atOnceUsers(1)).protocols(to(STACK.gateway));
        return propose.andThen(beforeAccepting.andThen(accept));
    }

    /**
     * 50,000 owners voting on one ballot (issue 12): {@code -DvoteRate=500} votes a second, each owner once, the first
     * half of the roll through the gateway, the second straight to vote-service.
     */
    private PopulationBuilder vote(String via, String base, List<Map<String, Object>> owners) {
        String name = "vote (" + via + ")";
        return scenario(name).feed(listFeeder(owners).queue())
                .exec(http(name).post("/api/ballots/" + ballot.ballotId + "/votes").header("Authorization", "Bearer #{token}")
                        .body(io.gatling.javaapi.core.CoreDsl.StringBody("{\"choice\": \"#{choice}\"}"))
                        .check(status().is(201)))
                .injectOpen(nothingFor(SETTLE), constantUsersPerSec(VOTE_RATE).during(votePhase())).protocols(to(base));
    }

    /**
     * One user that waits until the machine is quiet ({@link QuietMachine}): the direct votes follow an overloaded
     * gateway phase whose forwarded requests were still being processed, and their figures swung from 100 % answered
     * at p50 2 ms to 93.7 % at p50 8.3 s between runs of the same code.
     */
    private PopulationBuilder quiet(String before) {
        return scenario("quiet before " + before).exec(session -> {
            QuietMachine.await(before, Duration.ofMinutes(1));
            return session;
        }).injectOpen(atOnceUsers(1)).protocols(to(VOTES));
    }

    @Override
    public void after() {
        printBurst();
        if (ballot != null) {
            System.out.print(ballot.closing());
        }
    }

    private void printBurst() {
        if (burstStarted.get() == 0) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int accepted = burstAccepted.get();
        long told = 0;
        long caughtUp = 0;
        while (System.nanoTime() < deadline && (told == 0 || caughtUp == 0)) {
            if (told == 0 && LocalStackTarget.metric(NOTIFICATIONS_PORT, "shangliang_notifications_total",
                    "type=\"TOPIC_STATUS_CHANGED\"") - toldBefore >= accepted) {
                told = System.nanoTime();
            }
            // the consumer's own gauge: the largest lag of any partition within its last sampling window, so an upper bound
            if (caughtUp == 0 && LocalStackTarget.metric(MEETINGS_PORT, "kafka_consumer_fetch_manager_records_lag_max",
                    "application=\"meeting-service\"") == 0) {
                caughtUp = System.nanoTime();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        long first = burstStarted.get();
        System.out.printf("BURST %d topics accepted in %.1f s (gateway); every proposer told after %s, meeting-service"
                        + " without lag after %s (from the first acceptance)%n", accepted,
                (burstLastAccepted.get() - first) / 1e9, told == 0 ? "more than 3 minutes" : "%.1f s".formatted((told - first) / 1e9),
                caughtUp == 0 ? "more than 3 minutes" : "%.1f s".formatted((caughtUp - first) / 1e9));
    }

    private PopulationBuilder propose(String via, String base) {
        String name = "propose (" + via + ")";
        return scenario(name).feed(listFeeder(STACK.numberedResidents("bench-proposer-" + via, 1_000)).circular())
                .exec(http(name).post("/api/topics").header("Authorization", "Bearer #{token}")
                        .body(io.gatling.javaapi.core.CoreDsl.StringBody("""
                                {"title": "31号楼晾衣架第#{n}号提议", "description": "负载测试：居民提出的议题。", "category": "OTHER", "scope": "yuejiang/yuejiang-xincun/31"}"""))
                        .check(status().is(201)))
                .injectOpen(nothingFor(SETTLE), constantUsersPerSec(RATE).during(STEP)).protocols(to(base));
    }

    private PopulationBuilder support(String via, String base) {
        String name = "support one topic (" + via + ")";
        String topic = STACK.propose(base, "越江新村31号楼充电车棚（压测联名，" + via + "）");
        // each quarter of the crowd is its own row of the report: the last supports beside the first ones
        List<Map<String, Object>> supporters = new ArrayList<>();
        for (Map<String, Object> resident : STACK.residents("bench-supporter-" + via, SUPPORTERS)) {
            int quarter = supporters.size() * 4 / SUPPORTERS;
            String part = "supports " + (quarter * SUPPORTERS / 4 + 1) + "-" + ((quarter + 1) * SUPPORTERS / 4);
            supporters.add(Map.of("token", resident.get("token"), "part", "support one topic, " + part + " (" + via + ")"));
        }
        return scenario(name).feed(listFeeder(supporters).queue())
                .exec(http("#{part}").post("/api/topics/" + topic + "/supports").header("Authorization", "Bearer #{token}")
                        .check(status().is(201)))
                .injectOpen(nothingFor(SETTLE), constantUsersPerSec(SUPPORT_RATE).during(Duration.ofMillis(SUPPORTERS * 1000L / SUPPORT_RATE)))
                .protocols(to(base));
    }

    /**
     * A short warm-up through one door: reads and supports (the support path's code is hot before the first measured
     * support). Both doors are warmed the same before anything is measured: the gateway's phase of each step runs
     * first, and with only the service warmed it paid alone for compiling its hot code while the direct phase found
     * the service warmed by the gateway's.
     */
    private PopulationBuilder warmUp(String via, String base, String warmTopic) {
        int rate = Math.min(RATE, 40);
        return scenario("warm-up (" + via + ")")
                .feed(listFeeder(STACK.residents("bench-warm-" + via, (int) (rate * WARM_UP.toSeconds()) + rate)).queue())
                .exec(http("warm-up").get("/api/topics/" + readTopic).header("Authorization", "Bearer #{token}"))
                .exec(http("warm-up support").post("/api/topics/" + warmTopic + "/supports").header("Authorization", "Bearer #{token}"))
                .injectOpen(constantUsersPerSec(rate).during(WARM_UP)).protocols(to(base));
    }

    {
        String warmTopic = STACK.propose(STACK.topics, "越江新村31号楼车棚（压测预热）");
        List<PopulationBuilder> steps = new ArrayList<>();
        if (ballot != null) {
            int half = ballot.owners.size() / 2;
            steps.addAll(List.of(quiet("the votes through the gateway"), vote("gateway", STACK.gateway,
                    ballot.owners.subList(0, half)), quiet("the direct votes"), vote("direct", VOTES,
                    ballot.owners.subList(half, half * 2))));
        }
        if (STEPS.contains("read")) {
            steps.addAll(List.of(read("gateway", STACK.gateway), read("direct", STACK.topics)));
        }
        if (STEPS.contains("saturate")) {
            steps.addAll(List.of(saturate("gateway", STACK.gateway), saturate("direct", STACK.topics)));
        }
        if (STEPS.contains("propose")) {
            steps.addAll(List.of(propose("gateway", STACK.gateway), propose("direct", STACK.topics)));
        }
        if (STEPS.contains("burst")) {
            steps.add(burst());
        }
        if (STEPS.contains("support")) {
            steps.addAll(List.of(support("gateway", STACK.gateway), support("direct", STACK.topics)));
        }
        // nested, so that each step starts when the one before it has finished (siblings of andThen run at once)
        PopulationBuilder chain = steps.get(steps.size() - 1);
        for (int i = steps.size() - 2; i >= 0; i--) {
            chain = steps.get(i).andThen(chain);
        }
        setUp(warmUp("gateway", STACK.gateway, warmTopic).andThen(warmUp("direct", STACK.topics, warmTopic).andThen(chain)));
    }
}
