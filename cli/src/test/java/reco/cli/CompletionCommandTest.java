package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reco completion}: picocli's bash script, which bash accepts and which completes our commands. */
class CompletionCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printsABashScriptThatKnowsEveryCommandAndOption() {
        Cli r = Cli.run("completion");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("complete -F"), "registers a completion function");
        for (String word : List.of("train", "recommend", "report", "completion", "--all-users", "--rate-id", "--plot")) {
            assertTrue(r.out().contains(word), word);
        }
    }

    /** Sources the script in bash and asks it to complete "reco rep": the answer is "report". */
    @Test
    void bashCompletesACommandName() throws IOException, InterruptedException {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "no /bin/bash");
        Path script = tmp.resolve("reco-completion.bash");
        Files.writeString(script, Cli.run("completion").out());
        String probe = "source " + script + "; COMP_WORDS=(reco rep); COMP_CWORD=1; COMP_LINE='reco rep'; "
                + "COMP_POINT=${#COMP_LINE}; _complete_reco; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder(bash.toString(), "-c", probe).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("report"), out.lines().toList());
    }
}
