package org.confidant.audit;

/**
 * What verifying a workspace's chain found.
 *
 * @param intact whether every entry is where, and as, it was written
 * @param entries how many entries were checked
 * @param firstBroken the sequence number of the first broken link (0 when intact)
 * @param problem what is wrong there, for a person ("" when intact)
 * @param headHash the hash the chain ends with, hex; keep a copy elsewhere to detect a
 * truncated tail later
 */
public record ChainVerification(boolean intact, long entries, long firstBroken, String problem, String headHash) {

    static ChainVerification broken(long entries, long sequence, String problem) {
        return new ChainVerification(false, entries, sequence, problem, "");
    }
}
