package io.livecalc.orchestrator.run;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.PolicyRecord;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import io.livecalc.orchestrator.dag.FileFormat;
import io.livecalc.orchestrator.dag.internal.DataFiles;
import io.livecalc.orchestrator.dag.internal.InMemoryData;
import io.livecalc.orchestrator.dag.internal.PolicyIds;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the pipeline's data sources into buffers: CSV and Parquet files, or data held in memory, checked on the way. */
public final class SourceLoading {

    private static final Logger LOG = LoggerFactory.getLogger(SourceLoading.class);

    private SourceLoading() {
    }

    /**
     * @param policiesElsewhere a stage executor reads the policies where it runs: they are not loaded here
     * @param inMemory          the data of a source held in memory, by source id
     */
    public static void load(RunState state, boolean policiesElsewhere, Function<String, InMemoryData> inMemory) {
        for (DataSourceSpec s : state.pipeline.dataSources().values()) {
            BufferType type = s.kind().bufferType();
            if (policiesElsewhere && type.equals(BufferType.INPUT)) {
                continue;
            }
            String name = "source." + s.id();
            BufferInfo b = s.inMemory() ? loadInMemory(state, s, name, inMemory.apply(s.id()))
                    : s.format() == FileFormat.PARQUET ? ParquetSupport.read(s.path(), type, state.buffers, name)
                    : DataFiles.readCsv(s, state.buffers, name);
            state.sources.put(s.id(), b);
            if (type.equals(BufferType.INPUT) && !s.inMemory()) { // data in memory was checked as it was written
                PolicyIds.requireUnique(s, b.segment().asSlice(0, b.recordCount() * PolicyRecord.SIZE));
            }
            state.notePeak();
            LOG.atDebug().addKeyValue("event", "data_source_loaded").addKeyValue("source", s.id())
                    .addKeyValue("path", s.where()).addKeyValue("kind", s.kind().name())
                    .addKeyValue("records", b.recordCount()).log("data source {} loaded: {} records", s.id(), b.recordCount());
        }
    }

    /** Writes a source held in memory into its buffer, checked as a file's records are. */
    private static BufferInfo loadInMemory(RunState state, DataSourceSpec s, String name, InMemoryData data) {
        long records = data.records();
        if (records < 1) {
            throw new ConfigurationException("data source '" + s.id() + "' (in memory) holds no records at run time: there is nothing to value");
        }
        BufferInfo b = state.buffers.acquire(s.kind().bufferType(), name, records);
        InMemoryData.Problems problems = new InMemoryData.Problems();
        data.write(b.segment(), problems);
        if (!problems.isEmpty()) {
            state.buffers.release(name);
            throw new ConfigurationException("data source '" + s.id() + "' (in memory) changed since build() and is no longer valid: "
                    + String.join("; ", problems.list()));
        }
        return b;
    }
}
