package org.confidant.crypto;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.confidant.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;

/**
 * {@link EncryptedRecords} for a table whose rows have a UUID {@code id} and a
 * {@code workspace_id}: the ciphertext columns are read in id order, a batch at a time,
 * and each one not under the primary key is re-encrypted and written back. Modules
 * declare one bean of this per table they encrypt.
 */
@NamedInterface("api")
public final class EncryptedTable implements EncryptedRecords {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;

    private final String table;

    private final List<EncryptedColumn> columns;

    public EncryptedTable(JdbcClient jdbc, List<EncryptedColumn> columns) {
        if (columns.isEmpty() || columns.stream().map(EncryptedColumn::table).distinct().count() != 1) {
            throw new IllegalArgumentException("columns of one table");
        }
        this.jdbc = jdbc;
        this.table = columns.getFirst().table();
        this.columns = List.copyOf(columns);
    }

    @Override
    public String name() {
        return table;
    }

    @Override
    public Map<Long, Long> countByKeyId(WorkspaceId workspaceId) {
        Map<Long, Long> counts = new HashMap<>();
        forEachBatch(workspaceId, rows -> rows.forEach(row -> {
            for (byte[] ciphertext : row.ciphertexts()) {
                if (ciphertext != null) {
                    counts.merge(FieldEncryption.keyIdOf(ciphertext), 1L, Long::sum);
                }
            }
        }));
        return counts;
    }

    @Override
    public long reencrypt(WorkspaceId workspaceId, Reencryption reencryption) {
        long[] rewritten = { 0 };
        forEachBatch(workspaceId, rows -> {
            for (Row row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    byte[] ciphertext = row.ciphertexts()[i];
                    if (ciphertext == null || reencryption.isUnderPrimaryKey(ciphertext)) {
                        continue;
                    }
                    EncryptedColumn column = columns.get(i);
                    byte[] fresh = reencryption.apply(column, row.id().toString(), ciphertext);
                    // the old ciphertext in the condition: a concurrent update of the
                    // field wins over the rewrite
                    rewritten[0] += jdbc
                        .sql("update " + table + " set " + column.column()
                                + " = ? where workspace_id = ? and id = ? and " + column.column() + " = ?")
                        .params(fresh, workspaceId.value(), row.id(), ciphertext)
                        .update();
                }
            }
        });
        return rewritten[0];
    }

    private record Row(UUID id, byte[][] ciphertexts) {
    }

    private void forEachBatch(WorkspaceId workspaceId, Consumer<List<Row>> action) {
        String select = "select id, " + String.join(", ", columns.stream().map(EncryptedColumn::column).toList())
                + " from " + table + " where workspace_id = ? and id > ? order by id limit " + BATCH;
        UUID after = new UUID(0, 0); // the smallest UUID in both databases' (unsigned)
                                     // order
        while (true) {
            List<Row> rows = jdbc.sql(select).params(workspaceId.value(), after).query((rs, n) -> {
                byte[][] values = new byte[columns.size()][];
                for (int i = 0; i < columns.size(); i++) {
                    values[i] = rs.getBytes(i + 2);
                }
                return new Row(rs.getObject("id", UUID.class), values);
            }).list();
            if (rows.isEmpty()) {
                return;
            }
            action.accept(rows);
            after = rows.getLast().id();
        }
    }

}
