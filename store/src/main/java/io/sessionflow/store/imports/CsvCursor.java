package io.sessionflow.store.imports;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of delimited text through Jackson's CSV parser: quoting, CRLF or LF, blank lines skipped, fields trimmed.
 * A row's line is the line its first field starts on.
 *
 * <p>Not thread-safe: one reader.
 */
final class CsvCursor implements RowCursor {

    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final CsvParser parser;
    private final List<String> row = new ArrayList<>();
    private long line;

    private CsvCursor(CsvParser parser) {
        this.parser = parser;
    }

    /** A cursor over {@code reader}, which it closes; a leading byte-order mark is skipped. */
    static CsvCursor open(Reader reader, char delimiter) throws IOException {
        BufferedReader in = new BufferedReader(reader, 1 << 16);
        in.mark(1);
        if (in.read() != BYTE_ORDER_MARK) {
            in.reset();
        }
        CsvParser parser = FACTORY.createParser(in);
        parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
        return new CsvCursor(parser);
    }

    @Override
    public String[] next() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new IOException("unexpected " + t + " in CSV at line " + parser.currentLocation().getLineNr());
        }
        row.clear();
        line = -1;
        while ((t = parser.nextToken()) == JsonToken.VALUE_STRING) {
            if (line < 0) {
                line = parser.currentTokenLocation().getLineNr();
            }
            row.add(parser.getText());
        }
        if (t != JsonToken.END_ARRAY) {
            throw new IOException("unexpected " + t + " in CSV at line " + parser.currentLocation().getLineNr());
        }
        return row.toArray(new String[0]);
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
