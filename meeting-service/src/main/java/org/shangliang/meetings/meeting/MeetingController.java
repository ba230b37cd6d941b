package org.shangliang.meetings.meeting;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.PageResponse;
import org.shangliang.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/meetings")
@Validated
@Tag(name = "Meetings (协商议事会)", description = "A topic accepted a moment ago may need a second before it can be "
        + "scheduled (this service learns of it from the topic events); until then scheduling it answers 409.")
class MeetingController {

    private final MeetingCommands commands;
    private final Conclusions conclusions;
    private final MeetingQueries queries;

    MeetingController(MeetingCommands commands, Conclusions conclusions, MeetingQueries queries) {
        this.commands = commands;
        this.conclusions = conclusions;
        this.queries = queries;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('COMMITTEE')")
    @Operation(summary = "Schedule a meeting for accepted topics of the caller's community; two meetings may not "
            + "overlap at one location (409 naming the other)")
    ResponseEntity<MeetingView> schedule(@Valid @RequestBody MeetingRequests.NewMeeting body, CurrentUser user) {
        Meeting meeting = commands.schedule(body, user);
        return ResponseEntity.created(URI.create("/api/meetings/" + meeting.getId())).body(commands.view(meeting, user));
    }

    @GetMapping
    PageResponse<MeetingView> list(@RequestParam(required = false) @Size(max = 64) String topicId,
                                   @RequestParam(required = false) OffsetDateTime from,
                                   @RequestParam(required = false) OffsetDateTime to,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, CurrentUser user) {
        var found = queries.find(user, topicId, from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                page, size);
        var registered = commands.registeredAmong(found.items(), user);
        return found.map(m -> MeetingView.of(m, registered.contains(m.getId())));
    }

    @GetMapping("/{id}")
    MeetingView get(@PathVariable String id, CurrentUser user) {
        return commands.view(commands.visible(id, user), user);
    }

    @PutMapping("/{id}/schedule")
    @PreAuthorize("hasRole('COMMITTEE')")
    MeetingView reschedule(@PathVariable String id, @Valid @RequestBody MeetingRequests.Schedule body, CurrentUser user) {
        return commands.view(commands.reschedule(id, body, user), user);
    }

    @PostMapping("/{id}/cancellation")
    @PreAuthorize("hasRole('COMMITTEE')")
    MeetingView cancel(@PathVariable String id, @Valid @RequestBody MeetingRequests.Cancellation body, CurrentUser user) {
        return commands.view(commands.change(id, user, m -> m.cancel(body.reason().strip(), commands.clock().instant())),
                user);
    }

    @PostMapping("/{id}/registrations")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "Register to attend; 409 when full or registered already")
    MeetingView register(@PathVariable String id, CurrentUser user) {
        return MeetingView.of(commands.register(id, user), true);
    }

    @DeleteMapping("/{id}/registrations")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('RESIDENT')")
    void unregister(@PathVariable String id, CurrentUser user) {
        commands.unregister(id, user);
    }

    @GetMapping("/{id}/minutes")
    @Operation(summary = "The minutes as recorded (404 before they are)")
    MeetingView.MinutesView readMinutes(@PathVariable String id, CurrentUser user) {
        MeetingView view = commands.view(commands.visible(id, user), user);
        if (view.minutes() == null) {
            throw ProblemException.notFound("Minutes", "of " + id);
        }
        return view.minutes();
    }

    @PostMapping("/{id}/minutes")
    @PreAuthorize("hasRole('COMMITTEE')")
    @Operation(summary = "Record the minutes (once the meeting has started): a summary and the opinions voiced")
    MeetingView minutes(@PathVariable String id, @Valid @RequestBody MeetingRequests.MinutesRequest body, CurrentUser user) {
        List<Meeting.Opinion> opinions = body.opinions() == null ? List.of() : body.opinions().stream()
                .map(o -> new Meeting.Opinion(o.speaker().strip(), o.affiliation().name(), o.content().strip())).toList();
        return commands.view(commands.change(id, user, m -> m.recordMinutes(body.summary().strip(), opinions, user.id(),
                commands.clock().instant())), user);
    }

    @PostMapping("/{id}/conclusion")
    @PreAuthorize("hasRole('COMMITTEE')")
    @Operation(summary = "Conclude once started, with exactly one outcome per agenda topic: PUT_TO_VOTE (proposal and "
            + "ballot), CONSENSUS (proposal), NOT_FEASIBLE (reason) or FURTHER_STUDY")
    MeetingView conclude(@PathVariable String id, @Valid @RequestBody MeetingRequests.Conclusion body, CurrentUser user) {
        return commands.view(commands.change(id, user, m -> {
            var now = commands.clock().instant();
            var outcomes = conclusions.check(m, body, now);
            m.conclude(outcomes, user.id(), now);
        }), user);
    }
}
