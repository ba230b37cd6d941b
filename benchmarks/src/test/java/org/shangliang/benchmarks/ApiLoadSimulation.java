package org.shangliang.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
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
 * -Dsteps=read,saturate,propose,support}; {@code saturate} runs only when named);
 * docs/benchmarks.md has the command and the figures.
 */
public class ApiLoadSimulation extends Simulation {

    private static final LocalStackTarget STACK = LocalStackTarget.fromEnvironment();
    private static final int RATE = Integer.getInteger("rate", 50);
    private static final Duration STEP = Duration.ofSeconds(Integer.getInteger("seconds", 30));
    private static final int SUPPORTERS = Integer.getInteger("supporters", 4000);
    private static final int CLIENTS = Integer.getInteger("clients", 16);
    private static final int SUPPORT_RATE = Integer.getInteger("supportRate", 50);
    /** A pause before each step, so that what the step before left queued (events, notifications) does not fall on it. */
    private static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("settle", 10));
    /** Which steps run, in this order ({@code -Dsteps=support} runs only the supports). */
    private static final List<String> STEPS = List.of(System.getProperty("steps", "read,propose,support").split(","));

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
     */
    private PopulationBuilder saturate(String via, String base) {
        String name = "read at saturation (" + via + ")";
        return scenario(name).feed(listFeeder(STACK.residents("bench-saturating", CLIENTS)).queue())
                .during(STEP).on(exec(http(name).get("/api/topics/" + readTopic).header("Authorization", "Bearer #{token}")
                        .check(status().is(200))))
                .injectOpen(nothingFor(SETTLE), atOnceUsers(CLIENTS)).protocols(to(base));
    }

    private PopulationBuilder propose(String via, String base) {
        String name = "propose (" + via + ")";
        List<Map<String, Object>> proposers = new ArrayList<>();
        for (Map<String, Object> resident : STACK.residents("bench-proposer-" + via, 1_000)) {
            proposers.add(Map.of("token", resident.get("token"), "n", proposers.size()));
        }
        return scenario(name).feed(listFeeder(proposers).circular())
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

    {
        // a short warm-up straight to the service, so the gateway's run does not pay for compiling its hot code
        // (reads and supports: the support path's code is hot before the first measured support)
        String warmTopic = STACK.propose(STACK.topics, "越江新村31号楼车棚（压测预热）");
        PopulationBuilder warmUp = scenario("warm-up").feed(listFeeder(STACK.residents("bench-warm", 500)).queue())
                .exec(http("warm-up").get("/api/topics/" + readTopic).header("Authorization", "Bearer #{token}"))
                .exec(http("warm-up support").post("/api/topics/" + warmTopic + "/supports").header("Authorization", "Bearer #{token}"))
                .injectOpen(constantUsersPerSec(Math.min(RATE, 40)).during(Duration.ofSeconds(10))).protocols(to(STACK.topics));
        List<PopulationBuilder> steps = new ArrayList<>();
        if (STEPS.contains("read")) {
            steps.addAll(List.of(read("gateway", STACK.gateway), read("direct", STACK.topics)));
        }
        if (STEPS.contains("saturate")) {
            steps.addAll(List.of(saturate("gateway", STACK.gateway), saturate("direct", STACK.topics)));
        }
        if (STEPS.contains("propose")) {
            steps.addAll(List.of(propose("gateway", STACK.gateway), propose("direct", STACK.topics)));
        }
        if (STEPS.contains("support")) {
            steps.addAll(List.of(support("gateway", STACK.gateway), support("direct", STACK.topics)));
        }
        // nested, so that each step starts when the one before it has finished (siblings of andThen run at once)
        PopulationBuilder chain = steps.get(steps.size() - 1);
        for (int i = steps.size() - 2; i >= 0; i--) {
            chain = steps.get(i).andThen(chain);
        }
        setUp(warmUp.andThen(chain));
    }
}
