package org.shangliang.votes.roll;

import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.shangliang.contracts.PlacePaths;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ApiTime;
import org.shangliang.platform.web.ProblemException;
import org.shangliang.platform.web.Problems;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Owners' rolls (业主名册)")
class RollController {

    record Totals(long owners, long flats, BigDecimal totalArea) {
    }

    /** {@code name} is the display name the roll gave the place, or null. */
    record BuildingTotals(String building, String name, long owners, long flats, BigDecimal area) {
    }

    record EstateTotals(String estate, String name, long owners, long flats, BigDecimal area,
                        List<BuildingTotals> buildings) {
    }

    record RollView(String community, long owners, long flats, BigDecimal totalArea, OffsetDateTime uploadedAt,
                    String uploadedBy, List<EstateTotals> estates) {
    }

    private final Rolls rolls;
    private final Problems problems;

    RollController(Rolls rolls, Problems problems) {
        this.rolls = rolls;
        this.problems = problems;
    }

    @PutMapping(path = "/api/rolls/{community}", consumes = {"text/csv", "text/plain", "application/csv"})
    @PreAuthorize("hasRole('STAFF')")
    @Operation(summary = "Replace a community's roll as a whole from CSV (flat,ownerId,ownerName,area,holder, "
            + "optionally followed by estateName and buildingName, the places' display names); "
            + "a bad line rejects the whole file with every bad line listed. Open ballots keep their frozen electorate.")
    @RequestBody(required = true, description = "The roll as CSV, UTF-8, "
            + "one line per flat", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string", example = "flat,ownerId,ownerName,area,holder,estateName\n"
                    + "yuejiang/yuejiang-xincun/31/3/601,li.xiulan,李秀兰,66.20,李秀兰,越江新村\n")))
    Totals replace(@PathVariable String community, HttpServletRequest request, CurrentUser user) throws IOException {
        ownCommunity(community, user);
        var result = rolls.replace(community, new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8),
                user.id());
        if (!result.ok()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            Locale locale = LocaleContextHolder.getLocale();
            result.problems().forEach(p -> errors.add(Map.of("line", p.line(), "field", p.field(),
                    "message", problems.message("roll.line." + p.key(), p.message(), locale, p.args()))));
            ProblemException problem = new ProblemException(HttpStatus.BAD_REQUEST, "validation", "roll.invalid",
                    result.problemCount() + " bad line(s); nothing was applied", result.problemCount())
                    .with("errors", errors).with("problemCount", result.problemCount());
            if (result.problemCount() > result.problems().size()) {
                problem.with("moreProblems", result.problemCount() - result.problems().size());
            }
            throw problem;
        }
        var roll = rolls.current(community).orElseThrow();
        return new Totals(roll.owners(), roll.flats(), BigDecimal.valueOf(roll.totalAreaCents(), 2));
    }

    @GetMapping("/api/rolls/{community}")
    @PreAuthorize("hasAnyRole('STAFF', 'COMMITTEE')")
    @Operation(summary = "The current roll's totals per estate and building (owners counted once per holder)")
    RollView read(@PathVariable String community, CurrentUser user) {
        ownCommunity(community, user);
        var roll = rolls.current(community).orElseThrow(() -> ProblemException.notFound("Roll", community));
        Map<String, List<BuildingTotals>> buildings = new LinkedHashMap<>();
        for (Rolls.PlaceTotals t : rolls.totals(roll.rollId(), true)) {
            buildings.computeIfAbsent(t.estate(), e -> new ArrayList<>()).add(new BuildingTotals(t.building(),
                    roll.nameOf(community + "/" + t.estate() + "/" + t.building()), t.owners(), t.flats(),
                    BigDecimal.valueOf(t.areaCents(), 2)));
        }
        List<EstateTotals> estates = new ArrayList<>();
        for (Rolls.PlaceTotals t : rolls.totals(roll.rollId(), false)) {
            estates.add(new EstateTotals(t.estate(), roll.nameOf(community + "/" + t.estate()), t.owners(), t.flats(),
                    BigDecimal.valueOf(t.areaCents(), 2), buildings.getOrDefault(t.estate(), List.of())));
        }
        return new RollView(community, roll.owners(), roll.flats(), BigDecimal.valueOf(roll.totalAreaCents(), 2),
                ApiTime.of(roll.uploadedAt()), roll.uploadedBy(), estates);
    }

    /** A floor of the flats within a place and how many flats stand on it. */
    record FloorCount(int floor, long flats) {
    }

    /** {@code unreadable} lists (the first 100) flats whose door number gives no floor. */
    record FloorsView(String community, String within, long flats, List<FloorCount> floors, List<String> unreadable) {
    }

    @GetMapping("/api/rolls/{community}/floors")
    @PreAuthorize("hasAnyRole('STAFF', 'COMMITTEE')")
    @Operation(summary = "The floors of the current roll's flats within a place, read from their door numbers "
            + "(301 → floor 3), with the flats on each: what an elevator's cost table must cover (400 when the place "
            + "is outside the community)")
    FloorsView floors(@PathVariable String community, @RequestParam @NotBlank @Size(max = 300) String within,
                      CurrentUser user) {
        ownCommunity(community, user);
        if (!PlacePaths.within(within, community)) {
            throw Rejection.invalid("roll.place-outside-community", "The place " + within + " is not inside community "
                    + community, within, community).with("field", "within");
        }
        var roll = rolls.current(community).orElseThrow(() -> ProblemException.notFound("Roll", community));
        Map<Integer, Long> byFloor = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        long[] flats = {0};
        rolls.flatsWithin(roll, within, flat -> {
            flats[0]++;
            int floor = RollFlat.floorOf(flat.flat());
            if (floor == 0) {
                if (unreadable.size() < 100) {
                    unreadable.add(flat.flat());
                }
            } else {
                byFloor.merge(floor, 1L, Long::sum);
            }
        });
        return new FloorsView(community, within, flats[0],
                byFloor.entrySet().stream().map(e -> new FloorCount(e.getKey(), e.getValue())).toList(), unreadable);
    }

    /** Staff act on their own community's roll; another community's answers 404 (street staff: any). */
    private static void ownCommunity(String community, CurrentUser user) {
        if (!user.canSee(community)) {
            throw ProblemException.notFound("Roll", community);
        }
    }
}
