package io.livecalc.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.TaskContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.internal.io.FileNameSpec;
import org.apache.spark.internal.io.HadoopMapReduceCommitProtocol;
import org.apache.spark.util.SerializableConfiguration;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's output commit protocol for the part files of a per-pair result: the one Spark's own file writers
 * use ({@link HadoopMapReduceCommitProtocol} over Hadoop's {@code FileOutputCommitter}, algorithm 1).
 *
 * <p>Each task attempt writes its part into its own attempt folder ({@code _temporary/0/_temporary/attempt_...});
 * {@link #commitTask} asks the driver's output commit coordinator whether this attempt may commit (so a
 * retried or speculative attempt of the same partition never commits twice) and moves the part to the
 * task's folder; the driver's {@link #commitJob} moves every committed part into the output folder and
 * writes {@code _SUCCESS}. Parts of attempts that died (a lost executor) are never committed. Part names are
 * {@code part-NNNNN-JOBID.parquet}, NNNNN the partition.
 */
final class PartCommit implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String jobTrackerId;
    private final FileCommitProtocol protocol;
    private final SerializableConfiguration conf;
    /** The job's context: the driver's only (setupJob writes into its configuration, commitJob reads it). */
    private final transient TaskAttemptContext job;

    private PartCommit(String jobTrackerId, FileCommitProtocol protocol, SerializableConfiguration conf, TaskAttemptContext job) {
        this.jobTrackerId = jobTrackerId;
        this.protocol = protocol;
        this.conf = conf;
        this.job = job;
    }

    /** Sets up a commit job writing into {@code folder} (on the driver). */
    static PartCommit begin(Path folder, Configuration hadoop) {
        Configuration c = new Configuration(hadoop);
        c.set("mapreduce.output.fileoutputformat.outputdir", folder.toUri().toString());
        String tracker = new SimpleDateFormat("yyyyMMddHHmmss", Locale.US).format(new Date());
        FileCommitProtocol protocol = FileCommitProtocol.instantiate(HadoopMapReduceCommitProtocol.class.getName(),
                UUID.randomUUID().toString(), folder.toUri().toString(), false);
        TaskAttemptContext job = new TaskAttemptContextImpl(c, new TaskAttemptID(tracker, 0, TaskType.MAP, 0, 0));
        protocol.setupJob(job);
        return new PartCommit(tracker, protocol, new SerializableConfiguration(c), job);
    }

    /** One task attempt's part file (on an executor, inside a Spark task). */
    final class Attempt {
        final TaskAttemptContext context;
        final Path file;

        private Attempt(int partition) {
            TaskContext task = TaskContext.get();
            int attempt = task == null ? 0 : (task.stageAttemptNumber() << 16) | task.attemptNumber();
            context = new TaskAttemptContextImpl(new Configuration(conf.value()),
                    new TaskAttemptID(jobTrackerId, 0, TaskType.REDUCE, partition, attempt));
            protocol.setupTask(context);
            String name = protocol.newTaskTempFile(context, Option.empty(), new FileNameSpec("", ".parquet"));
            java.net.URI uri = new org.apache.hadoop.fs.Path(name).toUri();
            file = uri.getScheme() == null ? Path.of(uri.getPath()) : Path.of(uri);
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the task attempt folder " + file.getParent() + ": " + e.getMessage(), e);
            }
        }

        /** Commits the attempt's part if the driver allows it (else throws; Spark then counts the attempt as denied). */
        FileCommitProtocol.TaskCommitMessage commit() {
            return protocol.commitTask(context);
        }

        /** Deletes the attempt's output. */
        void abort() {
            protocol.abortTask(context);
        }
    }

    Attempt attempt(int partition) {
        return new Attempt(partition);
    }

    /** Moves every committed part into the folder and writes {@code _SUCCESS} (on the driver). */
    void commitJob(List<FileCommitProtocol.TaskCommitMessage> messages) {
        protocol.commitJob(job, CollectionConverters.asScala(messages).toSeq());
    }

    /** Deletes what the job wrote (on the driver). */
    void abortJob() {
        protocol.abortJob(job);
    }
}
