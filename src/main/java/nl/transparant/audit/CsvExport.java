package nl.transparant.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Decision log records as CSV (RFC 4180): one column per table column, in table order, the time in the canonical
 * form, so that each line holds everything needed to recompute its hash.
 */
final class CsvExport {

    static final String HEADER = "seq,recorded_at,actor_id,actor_role,organisation,case_id,process_instance_id,activity_id,"
            + "event_type,outcome,payload,previous_hash,record_hash";

    private final Writer out;

    CsvExport(Writer out) {
        this.out = out;
        line(HEADER);
    }

    void write(DecisionRecord r) {
        line(String.join(",", Long.toString(r.seq()), CanonicalForm.format(r.recordedAt()), cell(r.actorId()), cell(r.actorRole()),
                cell(r.organisation()), cell(r.caseId()), cell(r.processInstanceId()), cell(r.activityId()), cell(r.eventType()),
                cell(r.outcome()), cell(r.payload()), r.previousHash(), r.recordHash()));
    }

    /** NULL is an empty cell; an empty string is a quoted empty cell, as the hash tells them apart. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private void line(String text) {
        try {
            out.write(text);
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
