package io.livecalc.am;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved assumption table: the numbers of one concrete version and how they were obtained.
 *
 * @param requested the reference as configured (its version may be an alias)
 * @param version   the concrete version the numbers belong to
 * @param schema    the table's schema
 * @param values    {@code schema.rowCount() x schema.colCount()} numbers, row-major (not copied: do not modify)
 * @param cacheHit  whether the numbers came from the disk cache
 * @param offline   whether the service was unreachable and the cache served them (offline mode)
 */
public record AssumptionTable(AssumptionReference requested, String version, TableSchema schema, double[] values,
        boolean cacheHit, boolean offline) {

    /** The table name. */
    public String name() {
        return requested.name();
    }

    /** Rows as the run summary and the {@code assumption_resolved} event count them: the number of values. */
    public int rows() {
        return values.length;
    }

    /**
     * The resolution as the run summary records it: {@code reference, name, requested_version,
     * resolved_version, rows_loaded, cache_hit, offline, table_type}.
     */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", requested.toString());
        m.put("name", name());
        m.put("requested_version", requested.version());
        m.put("resolved_version", version);
        m.put("rows_loaded", rows());
        m.put("cache_hit", cacheHit);
        m.put("offline", offline);
        m.put("table_type", schema.tableType());
        return m;
    }
}
