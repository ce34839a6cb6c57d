package nl.transparant.register;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV as RFC 4180 writes it (comma, CRLF, quotes doubled inside quoted cells), with one addition for the people
 * who open the file in a spreadsheet: a cell that starts like a formula (= + - @, or a tab or carriage return) gets
 * a leading apostrophe, so published text can never run as a formula on a reader's machine (CSV injection).
 * Our own because it is these few lines: a CSV library (commons-csv, jackson-dataformat-csv) would write the same
 * quoting but knows nothing of the formula guard, which is the part that matters here.
 */
final class Csv {

    private Csv() {
    }

    static void writeRow(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(quoted(defused(cells.get(i))));
        }
        writer.write("\r\n");
    }

    static String defused(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }

    static String quoted(String cell) {
        boolean needsQuotes = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return needsQuotes ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
