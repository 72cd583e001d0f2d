package dev.modelfactory.ledger.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap of this JVM, two ways: the sum of the heap pools' peak usage (an upper bound: garbage not
 * collected yet included, pools peaking at different times added) and the largest heap left after a
 * collection (the live data the work really held, as GC notifications report it).
 */
final class HeapWatch {

    private final AtomicLong peakAfterGc = new AtomicLong();

    private HeapWatch() {
    }

    static HeapWatch start() {
        HeapWatch w = new HeapWatch();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> isHeap(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                        w.peakAfterGc.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
        return w;
    }

    private static boolean isHeap(String pool) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(pool)) {
                return p.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    long peakUsed() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage peak = pool.getPeakUsage();
            if (pool.getType() == MemoryType.HEAP && peak != null) {
                sum += peak.getUsed();
            }
        }
        return sum;
    }

    long peakAfterGc() {
        return peakAfterGc.get();
    }

    static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }
}
