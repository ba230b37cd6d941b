package org.shangliang.votes.roll;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and checks a whole roll CSV ({@code flat,ownerId,ownerName,area,holder}, optionally followed by
 * {@code estateName} and {@code buildingName}: the display names of the flat's estate and building,
 * given on at least one of their lines) with Commons CSV. Either every line is good, or every bad line
 * is reported with its reason and nothing is kept.
 */
final class RollCsv {

    static final List<String> HEADER = List.of("flat", "ownerId", "ownerName", "area", "holder");
    /** Columns a roll may add after {@link #HEADER}, in any order. */
    static final List<String> NAME_COLUMNS = List.of("estateName", "buildingName");
    private static final int NAME_LENGTH = 50;
    static final int MAX_ROWS = 50_000;
    private static final Pattern FLAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}(/[a-z0-9][a-z0-9-]{0,63}){4}");
    private static final Pattern OWNER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern AREA = Pattern.compile("\\d{1,7}(\\.\\d{1,2})?");

    /**
     * A bad line: its number (the header is line 1), the column and why: {@code message} in English, and
     * the message key {@code roll.line.<key>} with its arguments for the caller's language.
     */
    record Problem(int line, String field, String message, String key, Object... args) {
    }

    /**
     * {@code names} are the display names given to estates and buildings, by place path; {@code problems}
     * are the first {@value #PROBLEMS_SHOWN} bad lines; {@code problemCount} counts all of them.
     */
    record Result(List<RollRow> rows, Map<String, String> names, List<Problem> problems, int problemCount) {
        boolean ok() {
            return problemCount == 0;
        }
    }

    static final int PROBLEMS_SHOWN = 100;

    /** Keeps the first problems to show and counts the rest, so a huge bad file answers a small 400. */
    private static final class Problems {
        private final List<Problem> shown = new ArrayList<>();
        private int count;

        void add(Problem problem) {
            if (shown.size() < PROBLEMS_SHOWN) {
                shown.add(problem);
            }
            count++;
        }

        int size() {
            return count;
        }

        boolean isEmpty() {
            return count == 0;
        }
    }

    private RollCsv() {
    }

    static Result read(String community, Reader reader) throws IOException {
        List<RollRow> rows = new ArrayList<>();
        Problems problems = new Problems();
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get().parse(reader);
        List<String> header = parser.getHeaderNames();
        List<String> extra = header.size() < HEADER.size() ? List.of() : header.subList(HEADER.size(), header.size());
        if (!header.subList(0, Math.min(HEADER.size(), header.size())).equals(HEADER)
                || !NAME_COLUMNS.containsAll(extra) || extra.stream().distinct().count() != extra.size()) {
            problems.add(new Problem(1, "header", "the header must be " + String.join(",", HEADER) + ", optionally followed by "
                    + String.join(" and ", NAME_COLUMNS) + ", but is " + String.join(",", header), "header",
                    String.join(",", HEADER), String.join(",", header)));
            return new Result(List.of(), Map.of(), problems.shown, problems.size());
        }
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> nameLine = new HashMap<>();
        Map<String, Integer> flatLine = new HashMap<>();
        Map<String, String> ownerOfHolder = new HashMap<>();
        Map<String, String> holderOfOwner = new HashMap<>();
        Map<String, Integer> holderLine = new HashMap<>();
        int count = 0;
        for (CSVRecord record : parser) {
            int line = (int) record.getRecordNumber() + 1;
            if (++count > MAX_ROWS) {
                problems.add(new Problem(line, "file", "more than " + MAX_ROWS + " rows", "too-many", String.valueOf(MAX_ROWS)));
                break;
            }
            if (!record.isConsistent()) {
                problems.add(new Problem(line, "line", "expected " + header.size() + " columns, found " + record.size(), "columns",
                        String.valueOf(header.size()), String.valueOf(record.size())));
                continue;
            }
            String flat = record.get("flat");
            String ownerId = record.get("ownerId");
            String ownerName = record.get("ownerName");
            String area = record.get("area");
            String holder = record.get("holder");
            String estateName = record.isMapped("estateName") ? record.get("estateName") : "";
            String buildingName = record.isMapped("buildingName") ? record.get("buildingName") : "";
            int before = problems.size();
            if (!FLAT.matcher(flat).matches()) {
                problems.add(new Problem(line, "flat", "not a flat path community/estate/building/entrance/flat: " + flat,
                        "flat-path", flat));
            } else if (!flat.startsWith(community + "/")) {
                problems.add(new Problem(line, "flat", "flat outside community " + community + ": " + flat, "flat-outside",
                        community, flat));
            } else if (flatLine.containsKey(flat)) {
                problems.add(new Problem(line, "flat", "duplicate flat " + flat + " (also on line " + flatLine.get(flat) + ")",
                        "flat-twice", flat, String.valueOf(flatLine.get(flat))));
            }
            if (!OWNER_ID.matcher(ownerId).matches()) {
                problems.add(new Problem(line, "ownerId", "owner id must be 1 to 64 letters, digits or ._@-", "owner-id"));
            }
            if (ownerName.isEmpty() || ownerName.length() > 100) {
                problems.add(new Problem(line, "ownerName", "owner name must be 1 to 100 characters", "owner-name"));
            }
            long areaCents = 0;
            if (!AREA.matcher(area).matches()) {
                problems.add(new Problem(line, "area", "area must be square metres with at most two decimals: " + area,
                        "area-format", area));
            } else {
                areaCents = new BigDecimal(area).movePointRight(2).longValueExact();
                if (areaCents <= 0) {
                    problems.add(new Problem(line, "area", "area must be more than 0", "area-zero"));
                }
            }
            if (holder.isEmpty() || holder.length() > 200) {
                problems.add(new Problem(line, "holder", "holder must be 1 to 200 characters", "holder"));
            } else if (OWNER_ID.matcher(ownerId).matches()) {
                String known = ownerOfHolder.putIfAbsent(holder, ownerId);
                if (known != null && !known.equals(ownerId)) {
                    problems.add(new Problem(line, "ownerId", "holder " + holder + " has owner id " + known + " on line "
                            + holderLine.get(holder) + " and " + ownerId + " here: one holder votes as one owner",
                            "holder-two-owners", holder, known, String.valueOf(holderLine.get(holder)), ownerId));
                }
                String knownHolder = holderOfOwner.putIfAbsent(ownerId, holder);
                if (knownHolder != null && !knownHolder.equals(holder)) {
                    problems.add(new Problem(line, "holder", "owner id " + ownerId + " votes for holder " + knownHolder
                            + " already; one owner id cannot vote for two holders", "owner-two-holders", ownerId,
                            knownHolder));
                }
                holderLine.putIfAbsent(holder, line);
            }
            if (problems.size() == before) {
                String[] parts = flat.split("/");
                nameOnce(parts[0] + "/" + parts[1], "estateName", estateName, line, names, nameLine, problems);
                nameOnce(parts[0] + "/" + parts[1] + "/" + parts[2], "buildingName", buildingName, line, names, nameLine,
                        problems);
            }
            flatLine.putIfAbsent(flat, line);
            if (problems.size() == before) {
                rows.add(new RollRow(line, flat, ownerId, ownerName, areaCents, holder));
            }
        }
        if (count == 0 && problems.isEmpty()) {
            problems.add(new Problem(2, "file", "the roll has no flats", "empty"));
        }
        return new Result(problems.isEmpty() ? rows : List.of(), problems.isEmpty() ? names : Map.of(), problems.shown,
                problems.size());
    }

    /** A place's name may be left out on some of its lines, but where given it is the same everywhere. */
    private static void nameOnce(String place, String column, String name, int line, Map<String, String> names,
                                 Map<String, Integer> nameLine, Problems problems) {
        if (name.isEmpty()) {
            return;
        }
        if (name.length() > NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            problems.add(new Problem(line, column, "a name must be 1 to " + NAME_LENGTH + " characters on one line",
                    "name-length", String.valueOf(NAME_LENGTH)));
            return;
        }
        String known = names.putIfAbsent(place, name);
        if (known != null && !known.equals(name)) {
            problems.add(new Problem(line, column, place + " is named " + known + " on line " + nameLine.get(place)
                    + " and " + name + " here: one place has one name", "name-twice", place, known,
                    String.valueOf(nameLine.get(place)), name));
        }
        nameLine.putIfAbsent(place, line);
    }
}
