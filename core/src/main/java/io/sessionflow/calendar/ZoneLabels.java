package io.sessionflow.calendar;

import java.time.ZoneId;

/**
 * How an exchange's zone is shown beside a wall time: the usual trading abbreviation where there is one (ET, CT, UK,
 * UTC), else the zone's id. One rule for the command line's tables and the dashboard's pages.
 *
 * <p>Stateless.
 */
public final class ZoneLabels {

    private ZoneLabels() {
    }

    public static String of(ZoneId zone) {
        return switch (zone.normalized().getId()) {
            case "America/New_York" -> "ET";
            case "America/Chicago" -> "CT";
            case "Europe/London" -> "UK";
            case "Z", "UTC", "Etc/UTC" -> "UTC";
            default -> zone.getId();
        };
    }
}
