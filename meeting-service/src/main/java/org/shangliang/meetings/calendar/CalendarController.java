package org.shangliang.meetings.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.shangliang.meetings.agenda.AgendaTopics;
import org.shangliang.meetings.meeting.Meeting;
import org.shangliang.meetings.meeting.MeetingCommands;
import org.shangliang.platform.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A meeting for people's calendars ("add to calendar" on the meeting page). */
@RestController
@Tag(name = "Meetings (协商议事会)")
class CalendarController {

    private final MeetingCommands meetings;
    private final AgendaTopics agenda;

    CalendarController(MeetingCommands meetings, AgendaTopics agenda) {
        this.meetings = meetings;
        this.agenda = agenda;
    }

    @GetMapping(path = "/api/meetings/{id}/calendar.ics", produces = "text/calendar")
    @Operation(summary = "The meeting as an RFC 5545 calendar (Asia/Shanghai, stable UID, SEQUENCE raised on every change)")
    ResponseEntity<String> calendar(@PathVariable String id, CurrentUser user) {
        Meeting meeting = meetings.visible(id, user);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"meeting-" + id + ".ics\"")
                .body(MeetingCalendar.of(meeting, agenda.titlesOf(meeting.getTopicIds())));
    }
}
