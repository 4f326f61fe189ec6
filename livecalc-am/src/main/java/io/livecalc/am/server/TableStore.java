package io.livecalc.am.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.am.AssumptionReference;
import io.livecalc.am.VersionOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The tables folder of the reference server, read on every request (so a version added while the server
 * runs is served at once): {@code <dir>/<table>/<version>/} holds one {@code .csv} or {@code .json} table
 * file and optionally {@code version.json} ({@code {"status": "draft"}}; default {@code published}).
 * Versions are ordered naturally ({@link VersionOrder}); {@code latest} is the newest published one,
 * {@code draft} the newest draft.
 *
 * <p>CSV files are read by their header: {@code age,male,female} (mortality: served as 2 rows of 121, male
 * then female), {@code year,rate} (lapse: one column), {@code name,value} (expenses: acquisition,
 * maintenance, percent_of_premium, claim_expense), {@code maturity_years,zero_rate} (yield curve: rows of
 * 2); any other header is a generic table of numeric columns. JSON files are
 * {@code {"table_type", "index_columns", "columns", "data": [...]}} or an expenses object
 * ({@code {"acquisition": 500, ...}}).
 */
final class TableStore {

    /** A table version ready to serve. */
    record Table(String name, String version, String type, List<String> index, List<String> columns, double[][] rows) {
        int colCount() {
            return rows.length == 0 ? columns.size() : rows[0].length;
        }
    }

    /** A version and its status. */
    record Version(String version, String status) {
    }

    /** A problem of the folder's content, served as 500 with this message. */
    static final class BadTable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadTable(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> EXPENSE_SLOTS = Map.of(
            "per_policy_acquisition", 0, "acquisition", 0, "per_policy_maintenance", 1, "maintenance", 1,
            "percent_of_premium", 2, "premium_percent", 2, "claim_expense", 3, "claim", 3);
    private static final List<String> EXPENSE_NAMES = List.of("acquisition", "maintenance", "percent_of_premium", "claim_expense");

    private final Path dir;

    TableStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    List<String> tables() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(TableStore::safe).sorted().toList();
        }
    }

    /** Versions oldest first; empty when the table does not exist. */
    Optional<List<Version>> versions(String name) throws IOException {
        Path t = dir.resolve(name);
        if (!safe(name) || !Files.isDirectory(t)) {
            return Optional.empty();
        }
        List<Version> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(t)) {
            for (Path v : s.filter(Files::isDirectory).sorted((a, b) -> VersionOrder.INSTANCE.compare(
                    a.getFileName().toString(), b.getFileName().toString())).toList()) {
                String version = v.getFileName().toString();
                if (safe(version) && !AssumptionReference.isAlias(version)) {
                    out.add(new Version(version, status(v)));
                }
            }
        }
        return Optional.of(out);
    }

    /** The concrete version a version or alias names, or empty when there is none. */
    Optional<String> resolve(String name, String version) throws IOException {
        Optional<List<Version>> versions = versions(name);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        if (!AssumptionReference.isAlias(version)) {
            return versions.get().stream().map(Version::version).filter(version::equals).findFirst();
        }
        boolean draft = version.equalsIgnoreCase(AssumptionReference.DRAFT);
        return versions.get().stream().filter(v -> v.status().equals("draft") == draft).map(Version::version)
                .reduce((a, b) -> b);
    }

    Table load(String name, String version) throws IOException {
        Path v = dir.resolve(name).resolve(version);
        List<Path> files;
        try (Stream<Path> s = Files.list(v)) {
            files = s.filter(p -> {
                String f = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (f.endsWith(".csv") || f.endsWith(".json")) && !f.equals("version.json") && !f.startsWith(".");
            }).sorted().toList();
        }
        if (files.size() != 1) {
            throw new BadTable("table " + name + " version " + version + ": expected one .csv or .json table file in " + v
                    + ", found " + files.size());
        }
        Path f = files.getFirst();
        return f.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? json(name, version, f) : csv(name, version, f);
    }

    private static String status(Path versionDir) throws IOException {
        Path meta = versionDir.resolve("version.json");
        if (!Files.exists(meta)) {
            return "published";
        }
        return JSON.readTree(meta.toFile()).path("status").asText("published").toLowerCase(Locale.ROOT);
    }

    private static Table csv(String name, String version, Path f) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line.split(",", -1));
            }
        }
        if (lines.isEmpty()) {
            throw new BadTable(f + " is empty");
        }
        String[] header = lines.getFirst();
        for (int i = 0; i < header.length; i++) {
            header[i] = header[i].trim().toLowerCase(Locale.ROOT);
        }
        List<String[]> body = lines.subList(1, lines.size());
        if (header.length == 2 && header[0].equals("name") && header[1].equals("value")) {
            double[][] rows = new double[4][];
            for (String[] r : body) {
                Integer slot = EXPENSE_SLOTS.get(r[0].trim().toLowerCase(Locale.ROOT));
                if (slot == null) {
                    throw new BadTable(f + ": '" + r[0] + "' is not an expense name");
                }
                rows[slot] = new double[] {number(f, r, 1)};
            }
            return expenses(name, version, f, rows);
        }
        double[][] numbers = new double[body.size()][];
        for (int i = 0; i < numbers.length; i++) {
            String[] r = body.get(i);
            if (r.length != header.length) {
                throw new BadTable(f + ": line " + (i + 2) + " has " + r.length + " columns, the header " + header.length);
            }
            numbers[i] = IntStream.range(0, r.length).mapToDouble(c -> number(f, r, c)).toArray();
        }
        if (header.length == 3 && header[0].equals("age")) {
            double[][] rows = new double[2][numbers.length];
            for (int i = 0; i < numbers.length; i++) {
                rows[0][i] = numbers[i][1];
                rows[1][i] = numbers[i][2];
            }
            List<String> ages = IntStream.range(0, numbers.length).mapToObj(i -> String.valueOf((long) numbers[i][0])).toList();
            return new Table(name, version, "mortality", List.of("gender"), ages, rows);
        }
        if (header.length == 2 && header[0].equals("year")) {
            double[][] rows = new double[numbers.length][];
            for (int i = 0; i < numbers.length; i++) {
                rows[i] = new double[] {numbers[i][1]};
            }
            return new Table(name, version, "lapse", List.of("year"), List.of(header[1]), rows);
        }
        if (header.length == 2 && header[0].startsWith("maturity")) {
            return new Table(name, version, "yield_curve", List.of(), List.of(header), numbers);
        }
        return new Table(name, version, "generic", List.of(), List.of(header), numbers);
    }

    private static Table json(String name, String version, Path f) throws IOException {
        JsonNode root = JSON.readTree(f.toFile());
        if (root == null || !root.isObject()) {
            throw new BadTable(f + " is not a JSON object");
        }
        if (!root.has("data")) {
            double[][] rows = new double[4][];
            for (var it = root.fields(); it.hasNext(); ) {
                var e = it.next();
                Integer slot = EXPENSE_SLOTS.get(e.getKey().toLowerCase(Locale.ROOT));
                if (slot == null || !e.getValue().isNumber()) {
                    throw new BadTable(f + ": '" + e.getKey() + "' is not an expense name with a number (or give \"data\")");
                }
                rows[slot] = new double[] {e.getValue().asDouble()};
            }
            return expenses(name, version, f, rows);
        }
        List<double[]> rows = new ArrayList<>();
        for (JsonNode r : root.get("data")) {
            if (r.isArray()) {
                double[] row = new double[r.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = r.get(i).asDouble();
                }
                rows.add(row);
            } else {
                rows.add(new double[] {r.asDouble()});
            }
        }
        List<String> index = new ArrayList<>();
        root.path("index_columns").forEach(n -> index.add(n.asText()));
        List<String> columns = new ArrayList<>();
        root.path("columns").forEach(n -> columns.add(n.asText()));
        return new Table(name, version, root.path("table_type").asText("generic"), index, columns, rows.toArray(double[][]::new));
    }

    private static Table expenses(String name, String version, Path f, double[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new BadTable(f + ": expense '" + EXPENSE_NAMES.get(i) + "' is missing");
            }
        }
        return new Table(name, version, "expenses", List.of("expense"), List.of("value"), rows);
    }

    private static double number(Path f, String[] row, int column) {
        try {
            return Double.parseDouble(row[column].trim());
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new BadTable(f + ": '" + (column < row.length ? row[column] : "") + "' in column " + (column + 1) + " is not a number");
        }
    }

    static boolean safe(String part) {
        try {
            new AssumptionReference(part, "v");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
