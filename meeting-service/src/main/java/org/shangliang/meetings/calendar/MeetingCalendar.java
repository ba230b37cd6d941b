package org.shangliang.meetings.calendar;

import java.time.ZonedDateTime;
import java.util.Map;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.shangliang.contracts.Labels;
import org.shangliang.meetings.meeting.Meeting;
import org.shangliang.platform.web.ApiTime;

/**
 * A meeting as an RFC 5545 calendar made with ical4j: times in Asia/Shanghai with its VTIMEZONE, a
 * UID that never changes, and a SEQUENCE raised on every reschedule or cancellation, so calendar
 * apps update the event they already have instead of adding another.
 */
public final class MeetingCalendar {

    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private MeetingCalendar() {
    }

    /** The calendar of one meeting; {@code titles} names the agenda's topics (a topic not known shows by its id). */
    public static String of(Meeting meeting, Map<String, String> titles) {
        var zone = ZONES.getTimeZone(ApiTime.ZONE.getId());
        ZonedDateTime start = meeting.getStartsAt().atZone(ApiTime.ZONE);
        ZonedDateTime end = meeting.getEndsAt().atZone(ApiTime.ZONE);
        VEvent event = new VEvent(start, end, meeting.getTitle());
        event.add(new Uid("meeting-" + meeting.getId() + "@shangliang"));
        event.add(new Sequence(meeting.getSequence()));
        event.replace(new DtStamp(meeting.getUpdatedAt())); // one DTSTAMP: the VEvent has its own already
        event.add(new Location(meeting.getLocation()));
        String format = Labels.of("format", String.valueOf(meeting.getFormat()), "zh-CN");
        event.add(new Description("协商议事会 · " + (format == null ? String.valueOf(meeting.getFormat()) : format)
                + " · 议题：" + String.join("；", meeting.getTopicIds().stream().map(t -> titles.getOrDefault(t, t)).toList())
                + (meeting.getCancellationReason() == null ? "" : "\n已取消：" + meeting.getCancellationReason())));
        event.add(meeting.getStatus() == Meeting.Status.CANCELLED ? new Status(Status.VALUE_CANCELLED)
                : new Status(Status.VALUE_CONFIRMED));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Shangliang//Consultation meetings//ZH"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method(meeting.getStatus() == Meeting.Status.CANCELLED ? "CANCEL" : "PUBLISH"));
        calendar.add(zone.getVTimeZone());
        calendar.add(event);
        return calendar.toString();
    }
}
