package io.livecalc.am;

import java.util.List;

/**
 * What {@code GET /api/v1/tables/{name}/versions/{version}/schema} says about a table version.
 *
 * @param name         table name
 * @param version      the concrete version described
 * @param tableType    e.g. {@code mortality}, {@code lapse}, {@code expenses}, {@code yield_curve}; may be empty
 * @param rowCount     rows of the data
 * @param colCount     value columns per row; the data holds {@code rowCount x colCount} numbers, row-major
 * @param indexColumns names of the index (what the rows stand for), e.g. {@code [gender]}
 * @param columns      names of the value columns
 */
public record TableSchema(String name, String version, String tableType, int rowCount, int colCount,
        List<String> indexColumns, List<String> columns) {

    public TableSchema {
        tableType = tableType == null ? "" : tableType;
        indexColumns = List.copyOf(indexColumns);
        columns = List.copyOf(columns);
    }

    /** {@code rowCount x colCount}: how many numbers the data holds. */
    public long values() {
        return (long) rowCount * colCount;
    }
}
