package org.shangliang.benchmarks;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Issue 12's owners' vote at scale, set up through the API as people would: 越江's owners' roll replaced by one of
 * {@code owners} flats of 越江新村 (timed through the gateway, then straight to vote-service), a topic on the whole
 * estate accepted, put on a meeting's agenda and put to the owners' vote at its conclusion, and the time from the
 * conclusion's answer until the ballot is open with its electorate frozen. The votes are a Gatling step
 * ({@link ApiLoadSimulation}); {@link #closing()} then waits for the closing time and times the count.
 *
 * <p>It replaces 越江's roll: run it on a stack started for benchmarks ({@code ./shangliang start --fresh}).
 */
final class OwnersBallot {

    private static final String ESTATE = "yuejiang/yuejiang-xincun";
    /** What notification-service makes for every owner when the ballot opens. */
    private static final String OPENED = "BALLOT_OPENED";

    final String ballotId;
    final Instant closesAt;
    /** Each owner's token ({@code token}) and choice ({@code choice}), in roll order. */
    final List<Map<String, Object>> owners;
    final String committee;
    private final String gateway;
    private final String report;

    private OwnersBallot(String ballotId, Instant closesAt, List<Map<String, Object>> owners, String committee,
                         String gateway, String report) {
        this.ballotId = ballotId;
        this.closesAt = closesAt;
        this.owners = owners;
        this.committee = committee;
        this.gateway = gateway;
        this.report = report;
    }

    /**
     * @param votingTime how long after its opening the ballot stays open: the votes must fit in it
     */
    static OwnersBallot prepare(LocalStackTarget stack, String votes, int owners, Duration votingTime) {
        // signing 50,000 tokens is the load generator's cost: done before anything is timed, on every core
        List<Map<String, Object>> tokens = IntStream.range(0, owners).parallel()
                .mapToObj(i -> Map.<String, Object>of("token", stack.token(ownerId(i), "业主" + i, flat(i)),
                        "choice", i % 10 < 7 ? "FOR" : "AGAINST"))
                .toList();
        String staff = stack.staffToken();
        String csv = roll(owners);
        StringBuilder report = new StringBuilder();
        for (String[] via : List.of(new String[] {"gateway", stack.gateway}, new String[] {"direct", votes})) {
            long started = System.nanoTime();
            String answer = LocalStackTarget.call(via[1], "PUT", "/api/rolls/yuejiang", staff, csv, "text/csv", 200,
                    LocalStackTarget.UPLOAD_TIMEOUT);
            report.append("ROLL %,d flats (%.1f MB) replaced in %.1f s (%s): %s%n".formatted(owners, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 1e6,
                    (System.nanoTime() - started) / 1e9, via[0], answer.strip()));
        }

        String committee = stack.committeeToken(0);
        String topic = proposeOnTheEstate(stack);
        LocalStackTarget.post(stack.gateway, "/api/topics/" + topic + "/review", committee, "{\"decision\": \"ACCEPT\"}",
                200);
        String meeting = schedule(stack.gateway, committee, topic);
        LocalStackTarget.post(stack.gateway, "/api/meetings/" + meeting + "/minutes", committee, """
                {"summary": "业主代表、物业和业委会就小区大门改造方案协商一致，提交全体业主表决。",
                 "opinions": [{"speaker": "压测居委会委员0", "affiliation": "RESIDENT_REP", "content": "按民法典规则表决"}]}""",
                200);
        double toldBefore = told(OPENED);
        Instant closesAt = Instant.now().plus(votingTime);
        LocalStackTarget.post(stack.gateway, "/api/meetings/" + meeting + "/conclusion", committee, """
                {"outcomes": [{"topicId": "%s", "resolution": "PUT_TO_VOTE", "proposal": "小区大门改造，费用由公共收益列支",
                  "ballot": {"rule": "CIVIL_CODE_MAJOR", "closesAt": "%s"}}]}""".formatted(topic, closesAt), 200);
        long concluded = System.nanoTime();
        String ballot = null;
        while (ballot == null) {
            String page = LocalStackTarget.call(stack.gateway, "GET", "/api/ballots?topicId=" + topic + "&status=OPEN",
                    committee, null, null, 200, LocalStackTarget.CALL_TIMEOUT);
            if (page.contains("\"id\"")) {
                ballot = LocalStackTarget.field(page, "id");
            } else if (System.nanoTime() - concluded > Duration.ofMinutes(2).toNanos()) {
                throw new IllegalStateException("The ballot on " + topic + " did not open within 2 minutes: " + page);
            } else {
                pause(100);
            }
        }
        report.append("BALLOT of %,d holders open %.1f s after the meeting's conclusion was answered%n".formatted(owners,
                (System.nanoTime() - concluded) / 1e9));
        // the opening tells every owner: 50,000 notices made by notification-service. The votes are timed after that,
        // not against it. (No reminder follows: a ballot opened less than 24 hours before its closing is not reminded.)
        report.append(toldEveryOwner(OPENED, owners, toldBefore, concluded));
        System.out.print(report);
        return new OwnersBallot(ballot, closesAt, tokens, committee, stack.gateway, report.toString());
    }

    /** How many notices of a type notification-service has made since it started. */
    private static double told(String type) {
        return LocalStackTarget.metric(LocalStackTarget.port("NOTIFICATION_SERVICE_PORT", 8084), "shangliang_notifications_total",
                "type=\"" + type + "\"");
    }

    /** Waits (3 minutes at most) until notification-service has made this notice for every owner; what it measured. */
    private static String toldEveryOwner(String type, int owners, double before, long since) {
        long deadline = since + Duration.ofMinutes(3).toNanos();
        double told = 0;
        while (System.nanoTime() < deadline) {
            told = told(type) - before;
            if (told >= owners) {
                return "BALLOT %s told to all %,d owners %.1f s after the conclusion%n".formatted(type, owners,
                        (System.nanoTime() - since) / 1e9);
            }
            pause(250);
        }
        return "BALLOT %s told to %,.0f of %,d owners within 3 minutes of the conclusion%n".formatted(type, told, owners);
    }

    /** Waits for the closing time, then for the result; what was measured, to print after the run. */
    String closing() {
        while (Instant.now().isBefore(closesAt)) {
            pause(100);
        }
        // counted from the closing time, also when later steps ran past it
        long due = System.nanoTime() - Math.max(0, Duration.between(closesAt, Instant.now()).toNanos());
        while (true) {
            HttpResponse<String> result = LocalStackTarget.request(gateway, "GET", "/api/ballots/" + ballotId + "/result",
                    committee, null, null, LocalStackTarget.CALL_TIMEOUT);
            if (result.statusCode() == 200) {
                String outcome = LocalStackTarget.field(result.body(), "outcome");
                return report + "BALLOT closed and counted %.1f s after its closing time: %s%n".formatted(
                        (System.nanoTime() - due) / 1e9, outcome);
            }
            if (System.nanoTime() - due > Duration.ofMinutes(2).toNanos()) {
                return report + "BALLOT not counted 2 minutes after its closing time: " + result.body() + "\n";
            }
            pause(100);
        }
    }

    static String ownerId(int i) {
        return "bench-owner-" + i;
    }

    /** 250 buildings of 4 entrances, 25 floors of 2 flats: building 101 entrance 1 flat 101, 102, 201, ... */
    static String flat(int i) {
        int floor = 1 + (i % 50) / 2;
        return "%s/%d/%d/%d".formatted(ESTATE, 101 + i / 200, 1 + (i % 200) / 50, floor * 100 + 1 + i % 2);
    }

    private static String roll(int owners) {
        StringBuilder csv = new StringBuilder("flat,ownerId,ownerName,area,holder,estateName\n");
        for (int i = 0; i < owners; i++) {
            csv.append(flat(i)).append(',').append(ownerId(i)).append(",业主").append(i).append(',')
                    .append(58 + i % 37).append('.').append(i % 100 < 10 ? "0" : "").append(i % 100).append(",业主")
                    .append(i).append(',').append(i == 0 ? "越江新村" : "").append('\n');
        }
        return csv.toString();
    }

    /** A topic on the whole estate; topic-service learns the estate from the roll's event, within seconds. */
    private static String proposeOnTheEstate(LocalStackTarget stack) {
        String proposer = stack.token(ownerId(0), "业主0", flat(0));
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> answer = LocalStackTarget.request(stack.gateway, "POST", "/api/topics", proposer, """
                    {"title": "越江新村小区大门改造（压测表决）", "description": "负载测试：全体业主表决。",
                     "category": "PUBLIC_FACILITY", "scope": "%s"}""".formatted(ESTATE), "application/json",
                    LocalStackTarget.CALL_TIMEOUT);
            if (answer.statusCode() == 201) {
                return LocalStackTarget.field(answer.body(), "id");
            }
            if (attempt == 60) {
                throw new IllegalStateException("Proposing on " + ESTATE + " answered " + answer.statusCode() + ": " + answer.body());
            }
            pause(500);
        }
    }

    /** The meeting-service learns of the accepted topic from its event: until then scheduling it answers 409. */
    private static String schedule(String gateway, String committee, String topic) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusSeconds(3);
        String body = """
                {"title": "越江新村小区大门改造协商议事会（压测）", "topicIds": ["%s"], "startsAt": "%s", "endsAt": "%s",
                 "location": "越江社区党群服务中心二楼会议室", "format": "HYBRID", "capacity": 40,
                 "participants": [{"name": "压测居委会委员0", "userId": "bench-committee-0", "affiliation": "RESIDENT_REP"}]}"""
                .formatted(topic, start, start.plusHours(2));
        for (int attempt = 0; attempt < 60; attempt++) {
            HttpResponse<String> answer = LocalStackTarget.request(gateway, "POST", "/api/meetings", committee, body,
                    "application/json", LocalStackTarget.CALL_TIMEOUT);
            if (answer.statusCode() == 201) {
                String meeting = LocalStackTarget.field(answer.body(), "id");
                pause(Duration.between(OffsetDateTime.now(), start).toMillis() + 500);
                return meeting;
            }
            if (answer.statusCode() != 409) {
                throw new IllegalStateException("Scheduling the meeting answered " + answer.statusCode() + ": " + answer.body());
            }
            pause(500);
        }
        throw new IllegalStateException("meeting-service did not learn of topic " + topic + " within 30 s");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
