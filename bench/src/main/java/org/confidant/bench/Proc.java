package org.confidant.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what Linux's /proc says about a process: resident memory and CPU time. */
final class Proc {

    /** Clock ticks per second for utime/stime (USER_HZ); 100 on every Linux we run on. */
    private static final long TICKS = 100;

    private Proc() {
    }

    /** VmRSS in kB, or -1 if the process is gone. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // fall through
        }
        return -1;
    }

    /** utime + stime of the process, in nanoseconds (0 if gone). */
    static long cpuNanos(long pid) {
        String[] f = statFields(pid);
        if (f == null) {
            return 0;
        }
        // fields after the command: state(0) ppid(1) ... utime(11) stime(12)
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * (1_000_000_000L / TICKS);
    }

    /**
     * CPU of the process and all its children (the PostgreSQL postmaster and its backends): the live children's own
     * time, plus the time of children that have exited, which the kernel adds to the parent's cutime and cstime.
     */
    static long treeCpuNanos(long pid) {
        String[] f = statFields(pid);
        if (f == null) {
            return 0;
        }
        long total = (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]))
                * (1_000_000_000L / TICKS);
        for (long child : children(pid)) {
            total += cpuNanos(child);
        }
        return total;
    }

    static List<Long> children(long pid) {
        List<Long> result = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f = statFields(Long.parseLong(name));
                if (f != null && Long.parseLong(f[1]) == pid) {
                    result.add(Long.parseLong(name));
                }
            }
        } catch (IOException ignored) {
            // none
        }
        return result;
    }

    /** Busy CPU time of the whole machine (all processes, all cores), in nanoseconds, from /proc/stat. */
    static long machineBusyNanos() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    String[] p = line.trim().split("\\s+");
                    // user nice system idle iowait irq softirq steal
                    long busy = Long.parseLong(p[1]) + Long.parseLong(p[2]) + Long.parseLong(p[3])
                            + Long.parseLong(p[6]) + Long.parseLong(p[7]) + Long.parseLong(p[8]);
                    return busy * (1_000_000_000L / TICKS);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // unknown
        }
        return 0;
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command may hold spaces and parentheses: fields start after the last ')'
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** CPU use between two readings, in cores. */
    static double cores(long cpuNanosBefore, long cpuNanosAfter, long wallNanos) {
        return wallNanos <= 0 ? 0 : (double) (cpuNanosAfter - cpuNanosBefore) / wallNanos;
    }
}
