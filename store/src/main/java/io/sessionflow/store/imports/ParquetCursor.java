package io.sessionflow.store.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rows of a Parquet file through an in-memory DuckDB ({@code read_parquet}), every column cast to text by DuckDB so
 * that Parquet rows go through exactly the decoding and validation of CSV rows. Timestamps with a time zone are
 * rendered in UTC with an offset ({@code 2021-01-04 14:30:00+00}); naive timestamps have none (then {@code --tz}
 * applies); doubles in their shortest round-trip form. A row's "line" is its 1-based row number in the file.
 *
 * <p>Not thread-safe: one reader; owns its DuckDB connection until {@link #close()}.
 */
final class ParquetCursor implements RowCursor {

    private final Connection connection;
    private final ResultSet rows;
    private final String[] header;
    private long line;

    private ParquetCursor(Connection connection, ResultSet rows, String[] header) {
        this.connection = connection;
        this.rows = rows;
        this.header = header;
    }

    /** Opens {@code file}; the caller closes the cursor. */
    static ParquetCursor open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
            }
            PreparedStatement ps = c.prepareStatement(
                    "SELECT COLUMNS(*)::VARCHAR FROM read_parquet(?, file_row_number = true)");
            ps.setString(1, file.toString());
            ps.closeOnCompletion();
            ResultSet rs = ps.executeQuery();
            ResultSetMetaData md = rs.getMetaData();
            // file_row_number is the last column: it numbers rows for messages and is not data
            String[] header = new String[md.getColumnCount() - 1];
            for (int i = 0; i < header.length; i++) {
                header[i] = md.getColumnName(i + 1);
            }
            return new ParquetCursor(c, rs, header);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The column names, which map to bar fields like a CSV header. */
    String[] header() {
        return header.clone();
    }

    @Override
    public String[] next() throws IOException {
        try {
            if (!rows.next()) {
                return null;
            }
            String[] fields = new String[header.length];
            for (int i = 0; i < fields.length; i++) {
                String v = rows.getString(i + 1);
                fields[i] = v == null ? "" : v.trim();  // a null reads like an empty CSV field
            }
            line = Long.parseLong(rows.getString(header.length + 1)) + 1;
            return fields;
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        try {
            try {
                rows.close();  // also closes its statement (closeOnCompletion)
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
