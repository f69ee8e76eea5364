package io.sessionflow.store.jdbc;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.sessionflow.domain.Micros;
import io.sessionflow.store.duckdb.DuckDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An export streamed through JDBC, for backends without a file export of their own: rows in fetch-size batches
 * written as CSV by Jackson, in the format DuckDB's {@code COPY} writes (ISO-8601 UTC times, whole seconds for bars,
 * microseconds for ticks, empty for NULL); Parquet is that CSV converted by an in-memory DuckDB.
 *
 * <p>Stateless.
 */
final class ExportWriter {

    private static final int FETCH_SIZE = 10_000;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Quotes only what needs it, as DuckDB does (by default Jackson quotes every value longer than 24 chars). */
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private ExportWriter() {
    }

    /**
     * Writes the rows of {@code sql} (symbol, the time key as epoch micros, then the other columns) to {@code out},
     * which exists and is empty.
     */
    static long write(Transactions transactions, DataKind kind, String sql, StatementBinder binder, Path out,
                      ExportFormat format) throws IOException {
        if (format == ExportFormat.CSV) {
            return writeCsv(transactions, kind, sql, binder, out);
        }
        Path csv = Files.createTempFile(out.toAbsolutePath().getParent(), ".export-", ".csv");
        try {
            long rows = writeCsv(transactions, kind, sql, binder, csv);
            toParquet(kind, csv, out);
            return rows;
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static long writeCsv(Transactions transactions, DataKind kind, String sql, StatementBinder binder,
                                 Path out) throws IOException {
        DateTimeFormatter times = kind.table().sequenced() ? MICROS : SECONDS;
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            return transactions.inTransaction("export " + kind.label(), c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(FETCH_SIZE);
                    binder.bind(ps);
                    try (ResultSet rs = ps.executeQuery(); CsvGenerator csv = FACTORY.createGenerator(writer)) {
                        ResultSetMetaData meta = rs.getMetaData();
                        int n = meta.getColumnCount();
                        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
                        for (int i = 1; i <= n; i++) {
                            schema.addColumn(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                        }
                        csv.setSchema(schema.build());
                        long rows = 0;
                        while (rs.next()) {
                            csv.writeStartArray();
                            csv.writeString(rs.getString(1));
                            csv.writeString(times.format(Micros.toInstant(rs.getLong(2))));
                            for (int i = 3; i <= n; i++) {
                                writeValue(csv, rs, i, meta.getColumnType(i));
                            }
                            csv.writeEndArray();
                            rows++;
                        }
                        return rows;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void writeValue(CsvGenerator csv, ResultSet rs, int column, int type)
            throws SQLException, IOException {
        switch (type) {
            case Types.INTEGER, Types.BIGINT, Types.SMALLINT -> {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    csv.writeNull();
                } else {
                    csv.writeNumber(v);
                }
            }
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
                double v = rs.getDouble(column);
                if (rs.wasNull()) {
                    csv.writeNull();
                } else {
                    csv.writeNumber(v);
                }
            }
            default -> {
                String v = rs.getString(column);
                if (v == null) {
                    csv.writeNull();
                } else {
                    csv.writeString(v);
                }
            }
        }
    }

    /** Converts the CSV of {@link #writeCsv} to Parquet with the table's column types and UTC timestamps. */
    private static void toParquet(DataKind kind, Path csv, Path out) throws IOException {
        Table table = kind.table();
        List<String> columns = new ArrayList<>(List.of("'symbol': 'VARCHAR'", "'timestamp': 'VARCHAR'"));
        List<String> select = new ArrayList<>(List.of("symbol", "CAST(timestamp AS TIMESTAMPTZ) AS timestamp"));
        List<Column> rest = new ArrayList<>();
        if (table.sequenced()) {
            rest.add(new Column(Table.SEQUENCE, ColumnType.INT));
        }
        rest.addAll(table.values());
        for (Column c : rest) {
            columns.add("'" + c.name() + "': '" + c.type().sql() + "'");
            select.add(c.name());
        }
        String sql = "COPY (SELECT " + String.join(", ", select) + " FROM read_csv(" + DuckDb.pathLiteral(csv)
                + ", header = true, columns = {" + String.join(", ", columns) + "})) TO " + DuckDb.pathLiteral(out)
                + " (FORMAT PARQUET)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute(sql);
        } catch (SQLException e) {
            throw new IOException("cannot write Parquet file " + out + ": " + DriverMessages.firstLine(e.getMessage()),
                    e);
        }
    }
}
