package org.confidant.crypto;

import java.io.PrintStream;
import java.util.List;

import org.confidant.shared.WorkspaceId;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The operator's key commands, run as {@code java -jar confidant.jar keys <command>} (the
 * server does not start; with the embedded database, stop the server first):
 * <ul>
 * <li>{@code keys status}: every workspace's data keys, which is primary, and how many
 * records each protects;</li>
 * <li>{@code keys rotate-master}: re-wraps every workspace's keys under a new master key
 * (no data is rewritten);</li>
 * <li>{@code keys rotate-data <workspace id>|all [--reencrypt]}: a new primary data key,
 * and optionally re-encrypts older records under it, reporting progress.</li>
 * </ul>
 */
@Component
@ConditionalOnProperty("confidant.keys-command")
class KeyCommands implements ApplicationRunner, ExitCodeGenerator {

    private final KeyAdministration keys;

    private final PrintStream out = System.out;

    private int exitCode;

    KeyCommands(KeyAdministration keys) {
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = arguments.getNonOptionArgs();
        try {
            switch (words.size() > 1 ? words.get(1) : "") {
                case "status" -> status();
                case "rotate-master" ->
                    out.println("Master key rotated: " + keys.rotateMasterKey() + " workspace keysets re-wrapped.");
                case "rotate-data" ->
                    rotateData(words.size() > 2 ? words.get(2) : "", arguments.containsOption("reencrypt"));
                default -> usage();
            }
        }
        catch (RuntimeException e) {
            out.println("keys: " + e.getMessage());
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private void status() {
        List<KeyAdministration.WorkspaceStatus> statuses = keys.status();
        out.println(statuses.size() + " workspaces with keys");
        for (KeyAdministration.WorkspaceStatus status : statuses) {
            out.println("workspace " + status.workspace() + " (wrapped by master key " + status.masterKeyId() + ")");
            for (KeyAdministration.KeyUsage key : status.dataKeys()) {
                out.println("  data key " + Long.toHexString(key.keyId()) + (key.primary() ? " primary" : "        ")
                        + "  " + key.records());
            }
        }
    }

    private void rotateData(String target, boolean reencrypt) {
        List<WorkspaceId> workspaces = target.equals("all")
                ? keys.status().stream().map(KeyAdministration.WorkspaceStatus::workspace).toList()
                : List.of(WorkspaceId.of(target));
        for (WorkspaceId workspace : workspaces) {
            out.println("workspace " + workspace + ": new primary data key "
                    + Long.toHexString(keys.rotateDataKey(workspace)));
            if (reencrypt) {
                long done = keys.reencrypt(workspace, line -> out.println("  " + line));
                out.println("  " + done + " records re-encrypted");
            }
        }
    }

    private void usage() {
        out.println("usage: keys status | keys rotate-master | keys rotate-data <workspace id>|all [--reencrypt]");
        exitCode = 2;
    }

}
