package io.livecalc.spark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records, on the driver, what Spark did for one stage run: the task attempts of the jobs of one job group,
 * the ones that failed and why (a lost executor, a lost shuffle block, an exception), and the executors lost
 * meanwhile. Its {@link #report} goes into the run summary ({@code engines[].report}) and the CLI's output,
 * so that a run that survived a lost worker says so.
 */
final class TaskRecorder extends SparkListener {

    /** Longest failure reason kept (Spark's include stack traces). */
    private static final int REASON_CHARS = 300;

    private String group;
    private final Set<Integer> jobs = new HashSet<>();
    private final Set<Integer> endedJobs = new HashSet<>();
    private final Set<Integer> stages = new HashSet<>();
    private final Set<String> tasks = new HashSet<>();
    private final Set<String> executors = new HashSet<>();
    private int attempts;
    private final List<Map<String, Object>> failed = new ArrayList<>();
    private final List<Map<String, Object>> lost = new ArrayList<>();

    /** Starts recording the jobs of {@code jobGroup}; forgets the previous run. */
    synchronized void begin(String jobGroup) {
        group = jobGroup;
        jobs.clear();
        endedJobs.clear();
        stages.clear();
        tasks.clear();
        executors.clear();
        attempts = 0;
        failed.clear();
        lost.clear();
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart e) {
        if (group != null && e.properties() != null && group.equals(e.properties().getProperty("spark.jobGroup.id"))) {
            jobs.add(e.jobId());
            CollectionConverters.asJava(e.stageIds()).forEach(id -> stages.add((Integer) id));
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
        if (jobs.contains(e.jobId())) {
            endedJobs.add(e.jobId());
            notifyAll();
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        if (!stages.contains(e.stageId())) {
            return;
        }
        TaskInfo t = e.taskInfo();
        attempts++;
        tasks.add(e.stageId() + ":" + t.index());
        executors.add(t.executorId());
        if (!t.successful()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", e.stageId());
            m.put("stage_attempt", e.stageAttemptId());
            m.put("partition", t.index());
            m.put("attempt", t.attemptNumber());
            m.put("executor", t.executorId());
            m.put("reason", shorten(e.reason() instanceof TaskFailedReason f ? f.toErrorString() : e.reason().toString()));
            failed.add(m);
        }
    }

    @Override
    public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        if (group != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("executor", e.executorId());
            m.put("reason", shorten(e.reason()));
            lost.add(m);
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().replaceAll("\\s+", " ");
        return line.length() <= REASON_CHARS ? line : line.substring(0, REASON_CHARS) + "...";
    }

    /**
     * What happened since {@link #begin}, once the listener bus has delivered the end of every job of the group
     * (it runs behind the scheduler; waits at most {@code waitMs}).
     */
    synchronized Map<String, Object> report(String master, long waitMs) {
        long deadline = System.currentTimeMillis() + waitMs;
        while (endedJobs.size() < jobs.size()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("spark_master", master);
        r.put("spark_jobs", jobs.size());
        r.put("executors_used", executors.size());
        r.put("tasks", tasks.size());
        r.put("task_attempts", attempts);
        r.put("retried_tasks", attempts - tasks.size());
        r.put("failed_task_attempts", List.copyOf(failed));
        r.put("lost_executors", List.copyOf(lost));
        group = null;
        return r;
    }
}
