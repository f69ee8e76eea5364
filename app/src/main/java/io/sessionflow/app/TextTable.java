package io.sessionflow.app;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with right-aligned numbers, for the human-readable reports. Not thread-safe. */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, false);
        for (int c = 0; c < width.length; c++) {
            sb.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, width, true);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean alignNumbers) {
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            boolean right = alignNumbers && looksNumeric(cell);
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c == 0 ? "" : "  ").append(right ? pad + cell : (c == width.length - 1 ? cell : cell + pad));
        }
        sb.append('\n');
    }

    private static boolean looksNumeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == ','
                || ch == '%' || ch == '-' || ch == ' ' || ch == '/');
    }
}
