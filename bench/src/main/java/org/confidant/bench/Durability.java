package org.confidant.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The correctness check of the storm and crash scenarios: every conversation is read back from seq 1 through the
 * product's own protocol (visitor {@code sync}), and compared with every ack the harness received.
 */
final class Durability {

    /** What the harness knows about one conversation: clientMsgId → acked seq, and every clientMsgId it sent. */
    static final class Expected {
        final Map<String, Long> acked = new ConcurrentHashMap<>();
        final Set<String> sent = ConcurrentHashMap.newKeySet();
    }

    static final class Report {
        int conversations;
        int unreadable;
        long stored;
        long acked;
        /** Acked messages not stored. */
        long lost;
        /** Acked messages stored under another seq than their ack said. */
        long moved;
        /** A clientMsgId stored more than once in a conversation. */
        long duplicates;
        /** Seqs missing or repeated between 1 and the last. */
        long gaps;
        /** Stored messages the harness never sent. */
        long unknown;
        final List<String> examples = new ArrayList<>();

        boolean clean() {
            return unreadable == 0 && lost == 0 && moved == 0 && duplicates == 0 && gaps == 0 && unknown == 0;
        }

        void example(String s) {
            synchronized (examples) {
                if (examples.size() < 10) {
                    examples.add(s);
                }
            }
        }

        @Override
        public String toString() {
            return conversations + " conversations, " + stored + " stored, " + acked + " acked; lost " + lost
                    + ", moved " + moved + ", duplicates " + duplicates + ", seq gaps " + gaps + ", unknown " + unknown
                    + ", unreadable " + unreadable + (examples.isEmpty() ? "" : "; e.g. " + examples);
        }
    }

    private Durability() {
    }

    /** Reads every visitor's conversation from seq 1 (the visitors must be connected) and checks it. */
    static Report check(List<Chat.Visitor> visitors, Map<Chat.Visitor, Expected> expected) throws InterruptedException {
        Report r = new Report();
        r.conversations = visitors.size();
        AtomicInteger unreadable = new AtomicInteger();
        Map<Chat.Visitor, List<Object[]>> histories = new ConcurrentHashMap<>();
        Chat.forAll(visitors, 128, 300, v -> v.fetchHistory().orTimeout(60, TimeUnit.SECONDS).whenComplete((h, e) -> {
            if (e != null) {
                unreadable.incrementAndGet();
            } else {
                histories.put(v, h);
            }
        }));
        r.unreadable = unreadable.get();
        for (Chat.Visitor v : visitors) {
            List<Object[]> h = histories.get(v);
            if (h == null) {
                continue;
            }
            Expected e = expected.get(v);
            r.stored += h.size();
            r.acked += e.acked.size();
            Map<String, Long> storedSeq = new HashMap<>();
            Set<Long> seqs = new HashSet<>();
            long max = 0;
            for (Object[] m : h) {
                long seq = (Long) m[0];
                String id = (String) m[1];
                if (!seqs.add(seq)) {
                    r.gaps++;
                    r.example("conversation " + v.conversation + ": seq " + seq + " twice");
                }
                max = Math.max(max, seq);
                if (storedSeq.putIfAbsent(id, seq) != null) {
                    r.duplicates++;
                    r.example("conversation " + v.conversation + ": " + id + " stored at seq " + storedSeq.get(id)
                            + " and " + seq);
                }
                if (!e.sent.contains(id)) {
                    r.unknown++;
                    r.example("conversation " + v.conversation + ": unknown " + id + " at seq " + seq);
                }
            }
            if (max != seqs.size()) {
                r.gaps += max - seqs.size();
                r.example("conversation " + v.conversation + ": seqs 1.." + max + " but only " + seqs.size() + " stored");
            }
            for (var a : e.acked.entrySet()) {
                Long at = storedSeq.get(a.getKey());
                if (at == null) {
                    r.lost++;
                    r.example("conversation " + v.conversation + ": acked " + a.getKey() + " (seq " + a.getValue()
                            + ") not stored");
                } else if (!at.equals(a.getValue())) {
                    r.moved++;
                    r.example("conversation " + v.conversation + ": acked " + a.getKey() + " as seq " + a.getValue()
                            + " but stored at " + at);
                }
            }
        }
        return r;
    }
}
