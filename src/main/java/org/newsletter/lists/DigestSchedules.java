package org.newsletter.lists;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import org.newsletter.common.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** Digest schedules: Unix cron (minute hour day-of-month month day-of-week) in a named time zone. */
public final class DigestSchedules {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private DigestSchedules() {
    }

    /** Refuses an expression or zone that cannot be used, naming the field to fix. */
    public static void check(String cron, String zone) {
        try {
            PARSER.parse(cron).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("digestSchedule.cron", "Not a valid cron expression (minute hour day month weekday, e.g. '0 7 * * *'): "
                    + e.getMessage());
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("digestSchedule.zone", "Unknown time zone '" + zone + "'; use a name like 'Europe/Berlin'");
        }
    }

    /** The next scheduled time after {@code now}, as the list's readers tell time. */
    public static Optional<ZonedDateTime> nextFire(String cron, String zone, Instant now) {
        return ExecutionTime.forCron(PARSER.parse(cron)).nextExecution(now.atZone(ZoneId.of(zone)));
    }

    /** The latest scheduled time at or before {@code now}. */
    public static Optional<Instant> lastFire(String cron, String zone, Instant now) {
        ExecutionTime times = ExecutionTime.forCron(PARSER.parse(cron));
        ZonedDateTime at = now.atZone(ZoneId.of(zone));
        if (times.isMatch(at.withSecond(0).withNano(0)) ) {
            return Optional.of(at.withSecond(0).withNano(0).toInstant());
        }
        return times.lastExecution(at).map(ZonedDateTime::toInstant);
    }
}
