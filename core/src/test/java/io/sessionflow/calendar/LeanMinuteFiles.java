package io.sessionflow.calendar;

import io.sessionflow.testing.ReferenceData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The minute start times of LEAN minute zips under {@code ../shared/reference/marketdata/lean} whose data time zone is
 * UTC (futures, forex, crypto): the file name gives the UTC date, the first column the milliseconds since its
 * midnight. Skips the calling test when a file is absent.
 */
final class LeanMinuteFiles {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private LeanMinuteFiles() {
    }

    /**
     * The minutes of the CSV entries of {@code folder/yyyyMMdd_suffix.zip} whose name ends with {@code entrySuffix},
     * in file order.
     */
    static List<Instant> minutes(String folder, LocalDate date, String suffix, String entrySuffix) {
        Path zip = ReferenceData.require(folder + "/" + BASIC.format(date) + "_" + suffix + ".zip");
        Instant midnight = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Instant> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (!entry.getName().endsWith(entrySuffix)) {
                    continue;
                }
                try (BufferedReader r = new BufferedReader(new InputStreamReader(z.getInputStream(entry),
                        StandardCharsets.US_ASCII))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (!line.isBlank()) {
                            long ms = Long.parseLong(line.substring(0, line.indexOf(',')));
                            out.add(midnight.plusMillis(ms));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(zip.toString(), e);
        }
        return out;
    }
}
