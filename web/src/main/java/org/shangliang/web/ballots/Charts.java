package org.shangliang.web.ballots;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures and bar charts as the pages draw them: inline SVG in the chart's own units (a
 * {@code viewBox} 320 wide, scaled to the width of the phone), with every position and width
 * computed here so the templates only place what they are given. Numbers as people read them:
 * owners as whole numbers, areas in m² with at most two decimals, ratios as percentages.
 */
public final class Charts {

    /** Where a bar of a ballot chart starts and how long a full one is (leaves room for the track's outline). */
    static final double LEFT = 2;
    static final double WIDTH = 316;
    /** The horizontal bar charts of the dashboard: a column of labels, then the bars, then the count. */
    static final double ROW_LABEL = 132;
    static final double ROW_WIDTH = 146;
    static final int ROW_HEIGHT = 26;

    private Charts() {
    }

    /** A part of a bar: its classes ({@code fill}, {@code fill for}, {@code fill against}) and where it is. */
    public record Segment(String kind, String x, String width) {
    }

    /**
     * One bar of a ballot chart: the filled parts over the track, and a marker line (x, or null) at the
     * line to reach, with its label ({@code 2/3}, {@code 3/4}, {@code 1/2}).
     */
    public record Bar(List<Segment> segments, String mark, String markLabel) {
    }

    /**
     * A ballot's result in one dimension (by area or by headcount): the figures as text and two bars,
     * taking part against the electorate (with the 2/3 quorum line) and for/against/abstain against
     * those taking part (with the rule's line).
     */
    public record Dimension(String name, String electorate, String participating, String votedFor, String against,
                            String abstained, String participatingPercent, String forPercent, String againstPercent,
                            String abstainedPercent, Bar participation, Bar agreement, boolean counted) {
    }

    /** One row of a horizontal bar chart: what (a key for its label), how many, and where to draw it. */
    public record Row(String key, long count, String y, String textY, String width, String countX) {
    }

    /** A horizontal bar chart: its rows and the height of its drawing. */
    public record Rows(List<Row> rows, String viewBox, String barX, String barWidth) {
    }

    /** A ballot's figures by area or by owners, drawn for the rule. */
    public static Dimension dimension(String name, Map<String, Object> result, boolean area) {
        String field = area ? "area" : "owners";
        BigDecimal electorate = decimal(nested(result, "electorate", field));
        BigDecimal participating = decimal(nested(result, "participating", field));
        BigDecimal votedFor = decimal(nested(result, "votedFor", field));
        BigDecimal against = decimal(nested(result, "votedAgainst", field));
        BigDecimal abstained = decimal(nested(result, "abstained", field));
        String rule = String.valueOf(result.get("rule"));
        boolean quorumRequired = Boolean.TRUE.equals(result.get("quorumRequired"));
        // A simple majority is decided by head alone: its area is shown but has no line to reach.
        boolean counted = area ? !"SIMPLE_MAJORITY".equals(rule) : true;

        Bar participation = new Bar(List.of(new Segment("fill", x(0), width(ratio(participating, electorate)))),
                quorumRequired ? x(2.0 / 3) : null, quorumRequired ? "2/3" : null);
        List<Segment> parts = new ArrayList<>();
        double at = 0;
        for (var part : List.of(new Object[] {"fill for", votedFor}, new Object[] {"fill against", against},
                new Object[] {"fill", abstained})) {
            double share = ratio((BigDecimal) part[1], participating);
            if (share > 0) {
                parts.add(new Segment((String) part[0], x(at), width(share)));
            }
            at += share;
        }
        double threshold = "CIVIL_CODE_MAJOR".equals(rule) ? 0.75 : 0.5;
        Bar agreement = new Bar(parts, counted ? x(threshold) : null,
                counted ? ("CIVIL_CODE_MAJOR".equals(rule) ? "3/4" : "1/2") : null);
        return new Dimension(name, number(electorate, area), number(participating, area), number(votedFor, area),
                number(against, area), number(abstained, area),
                percent(nested(result, "participating", area ? "areaRatio" : "ownersRatio")),
                percent(nested(result, "votedFor", area ? "areaRatio" : "ownersRatio")),
                percent(nested(result, "votedAgainst", area ? "areaRatio" : "ownersRatio")),
                percent(nested(result, "abstained", area ? "areaRatio" : "ownersRatio")),
                participation, agreement, counted);
    }

    /** Counts as horizontal bars, longest for the largest count, in the order of {@code keys}. */
    static Rows rows(List<String> keys, Map<String, ?> counts) {
        long max = 0;
        for (String key : keys) {
            max = Math.max(max, count(counts.get(key)));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            long n = count(counts.get(keys.get(i)));
            double w = max == 0 ? 0 : ROW_WIDTH * n / max;
            int top = i * ROW_HEIGHT;
            rows.add(new Row(keys.get(i), n, String.valueOf(top + 4), String.valueOf(top + 18), fmt(w),
                    fmt(ROW_LABEL + w + 6)));
        }
        return new Rows(rows, "0 0 320 " + Math.max(ROW_HEIGHT, keys.size() * ROW_HEIGHT + 4), fmt(ROW_LABEL),
                fmt(ROW_WIDTH));
    }

    /** 0.6667 as "66.7%"; nothing as "—". */
    public static String percent(Object ratio) {
        BigDecimal r = decimal(ratio);
        if (ratio == null || r == null) {
            return "—";
        }
        return r.movePointRight(2).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** A count of owners as a whole number, an area with at most two decimals. */
    static String number(BigDecimal value, boolean area) {
        if (value == null) {
            return "—";
        }
        DecimalFormat format = new DecimalFormat(area ? "#,##0.##" : "#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(value);
    }

    /** A number of the API's answer (read as Integer, Long, Double or BigDecimal), or null. */
    static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal b) {
            return b;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long count(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    static Object nested(Map<String, Object> map, String name, String field) {
        return map.get(name) instanceof Map<?, ?> inner ? inner.get(field) : null;
    }

    /** part / whole between 0 and 1 (0 when there is no whole). */
    static double ratio(BigDecimal part, BigDecimal whole) {
        if (part == null || whole == null || whole.signum() <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, part.doubleValue() / whole.doubleValue()));
    }

    private static String x(double fraction) {
        return fmt(LEFT + WIDTH * fraction);
    }

    private static String width(double fraction) {
        return fmt(WIDTH * fraction);
    }

    private static String fmt(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
