package io.sessionflow.store.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sessionflow.store.jdbc.DriverMessages;
import io.sessionflow.time.WallClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * Imports CSV, LEAN or Parquet files into a {@link io.sessionflow.storage.MarketDataStore}, as
 * {@link ImportOptions} say.
 *
 * <p>{@link #prepare} reads and validates every file before anything is written: a bad row fails the import with
 * {@code file:line: reason} before a store is even opened, unless {@link ImportOptions#skipBad()} asks to import the
 * good rows and report the bad ones. {@link PreparedImport#writeTo} then writes each file with one upsert, so
 * importing a file again changes nothing (its rows count as duplicates). LEAN paths may be folders, walked for minute
 * and tick zips.
 *
 * <p>Not thread-safe: one import at a time per instance; it runs on the calling thread.
 */
public final class Importer {

    private final ImportOptions options;
    private final ImportProgress progress;
    private final WallClock wall;
    private final TimeParser time;

    /**
     * @param progress called on the importing thread while files are read
     * @param wall     the wall clock progress and the final rate are measured with
     */
    public Importer(ImportOptions options, ImportProgress progress, WallClock wall) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.wall = Objects.requireNonNull(wall, "wall");
        this.time = new TimeParser(options.timeFormat().orElse(null), options.zone().orElse(null));
    }

    /**
     * Reads and validates every file of {@code paths}, in order, without touching any store.
     *
     * @throws ImportException on bad input: a bad row (unless skipping bad rows), a missing or unreadable file, an
     *                         unusable header
     */
    public PreparedImport prepare(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new ImportException("no files to import");
        }
        ProgressMeter meter = new ProgressMeter(progress, wall);
        Map<String, String> ignored = new LinkedHashMap<>();
        List<ParsedFile> parsed = new ArrayList<>();
        CorporateFiles corporate = new CorporateFiles();
        if (options.format() == ImportFormat.CORPORATE_ACTIONS) {
            for (Path p : paths) {
                requireFile(p);
                corporate.readCsv(p);
            }
        } else if (options.format() == ImportFormat.LEAN) {
            List<LeanZip> files = leanFiles(paths, ignored, options, corporate);
            for (LeanZip f : files) {
                parsed.add(checked(parse(f.path(), meter, () -> f.read(meter))));
            }
        } else {
            for (Path p : paths) {
                requireFile(p);
                parsed.add(checked(parse(p, meter, () -> readTable(p, meter))));
            }
        }
        return new PreparedImport(options, parsed, ignored, meter, corporate);
    }

    private ParsedFile checked(ParsedFile p) {
        if (p.bad().count() > 0 && !options.skipBad()) {
            throw p.bad().failure();
        }
        return p;
    }

    @FunctionalInterface
    private interface Reader {
        ParsedFile read() throws IOException, SQLException;
    }

    /** Runs {@code reader}, turning every way a file can be unreadable into a one-line {@link ImportException}. */
    private static ParsedFile parse(Path file, ProgressMeter meter, Reader reader) {
        meter.file(file.toString());
        try {
            return reader.read();
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ImportException(file + ":" + line + ": malformed CSV: " + e.getOriginalMessage(), e);
        } catch (CharacterCodingException e) {
            throw new ImportException(file + ": not UTF-8 text", e);
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file", e);
        } catch (ZipException e) {
            throw new ImportException(file + ": not a readable zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new ImportException(file + ": cannot read as Parquet: " + DriverMessages.firstLine(e.getMessage()), e);
        }
    }

    private ParsedFile readTable(Path file, ProgressMeter meter) throws IOException, SQLException {
        String name = file.toString();
        if (options.format() == ImportFormat.PARQUET) {
            try (ParquetCursor rows = ParquetCursor.open(file)) {
                ColumnMapping mapping = mapping(name + ": ", rows.header(), "");
                return TabularBars.read(name, file, rows, mapping, options, time, meter);
            }
        }
        try (CsvCursor rows = CsvCursor.open(Files.newBufferedReader(file, StandardCharsets.UTF_8),
                options.delimiter())) {
            ColumnMapping mapping;
            if (options.columns().isPresent()) {
                mapping = ColumnMapping.fromNames(options.columns().get());
            } else {
                String[] header = rows.next();
                if (header == null) {
                    throw new ImportException(name + ": empty file, no header row");
                }
                mapping = mapping(name + ":" + rows.line() + ": ", header,
                        " (a file without header needs --no-header --columns ...)");
            }
            return TabularBars.read(name, file, rows, mapping, options, time, meter);
        }
    }

    /** The mapping of a header, or an {@link ImportException} naming {@code where} and adding {@code hint}. */
    private static ColumnMapping mapping(String where, String[] header, String hint) {
        try {
            return ColumnMapping.fromHeader(header);
        } catch (IllegalArgumentException e) {
            throw new ImportException(where + e.getMessage() + hint, e);
        }
    }

    /**
     * The LEAN zips of {@code paths}: files as given, folders walked in path order. Zips that are not minute or tick
     * zips of a type read today are passed over with why. The CSVs of LEAN's {@code factor_files} and
     * {@code map_files} folders go to {@code corporate}. Other files are passed over silently.
     */
    private static List<LeanZip> leanFiles(List<Path> paths, Map<String, String> ignored,
                                            ImportOptions options, CorporateFiles corporate) {
        List<LeanZip> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(f -> {
                        Path parent = f.getParent();
                        String folder = parent == null || parent.getFileName() == null ? ""
                                : parent.getFileName().toString();
                        if (!f.getFileName().toString().endsWith(".zip")) {
                            if (LeanFile.SIDE_FOLDERS.contains(folder) && !corporate.readLean(f)) {
                                ignored.putIfAbsent(f.toString(), "not a LEAN " + folder.replace('_', ' ')
                                        .replaceFirst("s$", "") + " (<symbol>.csv)");
                            }
                            return;
                        }
                        leanZip(f, options).ifPresentOrElse(files::add,
                                () -> ignored.put(f.toString(), LeanFile.whyNot(f)));
                    });
                } catch (IOException | UncheckedIOException e) {
                    throw new ImportException(p + ": cannot walk folder: " + e.getMessage(), e);
                }
                continue;
            }
            requireFile(p);
            if (corporate.readLean(p)) {
                continue;  // a factor or map file given by itself
            }
            files.add(leanZip(p, options).orElseThrow(() -> new ImportException(p + ": not a LEAN minute, tick, hour "
                    + "or daily zip (expected " + LeanFile.expectedShape() + " or .../daily|hour/<symbol>.zip)")));
        }
        if (files.isEmpty() && corporate.isEmpty()) {
            throw new ImportException("no LEAN minute or tick zips in " + paths + " (expected "
                    + LeanFile.expectedShape() + ")");
        }
        return files;
    }

    /** A minute or tick zip, else a daily or hour zip. */
    private static Optional<LeanZip> leanZip(Path p, ImportOptions options) {
        Optional<LeanZip> minute = LeanFile.of(p, options).map(f -> f);
        return minute.isPresent() ? minute : LeanBarFile.of(p, options).map(f -> f);
    }

    private static void requireFile(Path p) {
        if (Files.isDirectory(p)) {
            throw new ImportException(p + ": is a folder; only --format lean walks folders");
        }
        if (!Files.isRegularFile(p)) {
            throw new ImportException(p + ": no such file");
        }
    }
}
