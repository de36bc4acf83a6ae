package org.prunelab.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tables as CSV (RFC 4180): fields with commas, quotes or line breaks are quoted, quotes doubled.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * Formats rows as CSV text.
     *
     * @param rows the rows, the header first
     * @return the text, each row ended by CRLF
     */
    public static String format(List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(field(row.get(i)));
            }
            text.append("\r\n");
        }
        return text.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /**
     * Writes rows to a file in UTF-8.
     *
     * @param rows the rows, the header first
     * @param file the file, replaced if it exists
     * @throws IOException if it cannot be written
     */
    public static void write(List<List<String>> rows, Path file) throws IOException {
        Files.writeString(file, format(rows), StandardCharsets.UTF_8);
    }
}
