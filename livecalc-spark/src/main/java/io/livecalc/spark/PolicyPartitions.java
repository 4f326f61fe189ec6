package io.livecalc.spark;

import static org.apache.spark.sql.functions.col;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.DataFileException;
import io.livecalc.api.PolicyRecord;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import io.livecalc.orchestrator.dag.FileFormat;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The portfolio as Spark partitions of contiguous policy indexes, read from Parquet by Spark itself
 * (splittable: the driver reads no policy).
 *
 * <p>A policy's index is its row position in the file (for a folder of part files: in file name order,
 * from the files' row counts), taken from Spark's {@code _metadata.row_index}. Partition {@code p} holds
 * the indexes {@code [p * size, (p + 1) * size)}, where {@code size} is a multiple of 1024, the projection's
 * summation block, so every partition sums whole blocks exactly as one local run does. The partitions are
 * cached (memory, spilling to disk) so that the solver's re-valuations do not read the file again.
 */
final class PolicyPartitions implements AutoCloseable {

    /** Partition sizes are multiples of this many policies (the projection's summation block). */
    static final int ALIGNMENT = 1024;

    final DataSourceSpec source;
    final long policies;
    final long partitionPolicies;
    final int partitions;
    final JavaRDD<PolicyBlock> blocks;

    private PolicyPartitions(DataSourceSpec source, long policies, long partitionPolicies, int partitions, JavaRDD<PolicyBlock> blocks) {
        this.source = source;
        this.policies = policies;
        this.partitionPolicies = partitionPolicies;
        this.partitions = partitions;
        this.blocks = blocks;
    }

    /**
     * Plans the partitions of {@code source} (nothing is read yet but the files' row counts).
     *
     * @param requested partitions wanted; 0 for Spark's default parallelism
     */
    static PolicyPartitions read(SparkSession spark, DataSourceSpec source, int requested) {
        if (source.format() != FileFormat.PARQUET) {
            throw new ConfigurationException("data source '" + source.id() + "' (" + source.path() + ") is " + source.format().jsonName()
                    + ": on Spark, policies are read from Parquet (convert it with `livecalc convert`)");
        }
        Dataset<Row> df;
        List<Row> files;
        try {
            df = spark.read().parquet(source.path().toUri().toString());
            files = df.select(col("_metadata.file_path").as("file")).groupBy("file").count().collectAsList();
        } catch (RuntimeException e) {
            throw new DataFileException(source.path(), "data source '" + source.id() + "': Spark cannot read " + source.path() + ": " + e.getMessage(), e);
        }
        // Files in name order; a policy's index is its file's offset plus its row index in the file.
        TreeMap<String, Long> counts = new TreeMap<>();
        files.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        HashMap<String, Long> offsets = new HashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            offsets.put(e.getKey(), total);
            total += e.getValue();
        }
        if (total == 0) {
            throw new DataFileException(source.path(), "data source '" + source.id() + "': " + source.path() + " has no policies");
        }
        int wanted = requested > 0 ? requested : spark.sparkContext().defaultParallelism();
        long size = alignUp((total + wanted - 1) / wanted);
        long max = BufferType.INPUT.maxRecords() / ALIGNMENT * ALIGNMENT;
        size = Math.min(size, max);
        int partitions = Math.toIntExact((total + size - 1) / size);
        long policyCount = total;
        long partitionSize = size;

        Dataset<Row> rows;
        try {
            rows = df.select(col("_metadata.file_path"), col("_metadata.row_index"),
                    col(PolicyRecord.POLICY_ID).cast("decimal(20,0)"), col(PolicyRecord.AGE).cast("int"),
                    col(PolicyRecord.GENDER).cast("int"), col(PolicyRecord.UNDERWRITING_CLASS).cast("int"),
                    col(PolicyRecord.PRODUCT_TYPE).cast("int"), col(PolicyRecord.TERM).cast("long"),
                    col(PolicyRecord.SUM_ASSURED).cast("double"), col(PolicyRecord.PREMIUM).cast("double"));
        } catch (RuntimeException e) {
            throw new DataFileException(source.path(), "data source '" + source.id() + "' (" + source.path() + ") is not a policy file: " + e.getMessage(), e);
        }
        String sourceId = source.id();
        String sourcePath = source.path().toString();
        JavaRDD<PolicyBlock> blocks = rows.javaRDD()
                .mapPartitionsToPair(it -> runs(it, offsets, partitionSize, sourceId, sourcePath))
                .partitionBy(new IndexPartitioner(partitions))
                .values()
                .mapPartitionsWithIndex((p, it) -> assemble(p, it, policyCount, partitionSize, sourceId, sourcePath), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new PolicyPartitions(source, total, size, partitions, blocks);
    }

    static long alignUp(long policies) {
        return Math.max(ALIGNMENT, (policies + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
    }

    /** Rows of one input split to runs of consecutive policies of the same partition. */
    private static Iterator<Tuple2<Integer, PolicyRun>> runs(Iterator<Row> rows, Map<String, Long> offsets, long size, String sourceId, String path) {
        List<Tuple2<Integer, PolicyRun>> out = new ArrayList<>();
        PolicyRun run = null;
        int runPartition = -1;
        while (rows.hasNext()) {
            Row r = rows.next();
            long index = offsets.get(r.getString(0)) + r.getLong(1);
            int partition = (int) (index / size);
            if (run == null || partition != runPartition || index != run.next()) {
                run = new PolicyRun(index);
                runPartition = partition;
                out.add(new Tuple2<>(partition, run));
            }
            int at = run.append();
            store(MemorySegment.ofArray(run.records), at / PolicyBlock.LONGS_PER_POLICY, r, index, sourceId, path);
        }
        return out.iterator();
    }

    private static void store(MemorySegment s, long i, Row r, long index, String sourceId, String path) {
        for (int c = 2; c < 10; c++) {
            if (r.isNullAt(c)) {
                throw new DataFileException(java.nio.file.Path.of(path), "data source '" + sourceId + "', policy " + index + ": column '" + r.schema().fields()[c].name()
                        + "' is null");
            }
        }
        PolicyRecord.policyId(s, i, r.getDecimal(2).toBigInteger().longValue());
        PolicyRecord.age(s, i, u8(r.getInt(3), PolicyRecord.AGE, index, sourceId, path));
        PolicyRecord.gender(s, i, u8(r.getInt(4), PolicyRecord.GENDER, index, sourceId, path));
        PolicyRecord.underwritingClass(s, i, u8(r.getInt(5), PolicyRecord.UNDERWRITING_CLASS, index, sourceId, path));
        PolicyRecord.productType(s, i, u8(r.getInt(6), PolicyRecord.PRODUCT_TYPE, index, sourceId, path));
        long term = r.getLong(7);
        if (term < 0 || term > 0xFFFF_FFFFL) {
            throw new DataFileException(java.nio.file.Path.of(path), "data source '" + sourceId + "', policy " + index + ": term " + term + " is out of range 0..4294967295");
        }
        PolicyRecord.term(s, i, term);
        PolicyRecord.sumAssured(s, i, r.getDouble(8));
        PolicyRecord.premium(s, i, r.getDouble(9));
    }

    private static int u8(int v, String column, long index, String sourceId, String path) {
        if (v < 0 || v > 255) {
            throw new DataFileException(java.nio.file.Path.of(path), "data source '" + sourceId + "', policy " + index + ": " + column + " " + v + " is out of range 0..255");
        }
        return v;
    }

    /** The runs of partition {@code p} placed at their indexes: one block per partition. */
    private static Iterator<PolicyBlock> assemble(int p, Iterator<PolicyRun> runs, long total, long size, String sourceId, String path) {
        long start = p * size;
        int count = (int) Math.min(size, total - start);
        long[] records = new long[count * PolicyBlock.LONGS_PER_POLICY];
        long filled = 0;
        while (runs.hasNext()) {
            PolicyRun r = runs.next();
            System.arraycopy(r.records, 0, records, (int) (r.start - start) * PolicyBlock.LONGS_PER_POLICY, r.count * PolicyBlock.LONGS_PER_POLICY);
            filled += r.count;
        }
        if (filled != count) {
            throw new IllegalStateException("data source '" + sourceId + "': partition " + p + " received " + filled + " policies for "
                    + count + " indexes (" + start + ".." + (start + count - 1) + ")");
        }
        return List.of(new PolicyBlock(p, start, count, records)).iterator();
    }

    /** Key = partition number. */
    static final class IndexPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        IndexPartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IndexPartitioner other && other.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
