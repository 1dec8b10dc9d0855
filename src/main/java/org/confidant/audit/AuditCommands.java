package org.confidant.audit;

import java.io.PrintStream;
import java.util.List;

import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The operator's audit command, run as
 * {@code java -jar confidant.jar audit verify [<workspace id>|all]} (the server does not
 * start; with the embedded database, stop the server first): verifies each workspace's
 * hash chain and prints "intact" with the chain's last hash, or the first broken link.
 * Exits 1 when a chain is broken.
 */
@Component
@ConditionalOnProperty("confidant.audit-command")
class AuditCommands implements ApplicationRunner, ExitCodeGenerator {

    private final AuditLog log;

    private final PrintStream out = System.out;

    private int exitCode;

    AuditCommands(AuditLog log) {
        this.log = log;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = arguments.getNonOptionArgs();
        if (words.size() < 2 || !words.get(1).equals("verify")) {
            out.println("usage: audit verify [<workspace id>|all]");
            exitCode = 2;
            return;
        }
        try {
            String which = words.size() > 2 ? words.get(2) : "all";
            List<WorkspaceId> workspaces = which.equals("all")
                    ? Tenancy.system("the verify command checks every workspace's log", log::workspaces)
                    : List.of(WorkspaceId.of(which));
            for (WorkspaceId workspace : workspaces) {
                ChainVerification result = log.verify(workspace);
                if (result.intact()) {
                    out.println("workspace " + workspace + ": intact (" + result.entries() + " entries, head "
                            + result.headHash() + ")");
                }
                else {
                    out.println("workspace " + workspace + ": BROKEN at entry " + result.firstBroken() + ": "
                            + result.problem());
                    exitCode = 1;
                }
            }
        }
        catch (RuntimeException e) {
            out.println("audit: " + e.getMessage());
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

}
