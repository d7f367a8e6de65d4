package reco.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reco completion}: picocli's bash (and zsh) completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash completion script for reco.",
                "Load it in the current shell with: source <(reco completion)",
                "or install it: reco completion > ~/.local/share/bash-completion/completions/reco",
                "(zsh: autoload -U +X bashcompinit && bashcompinit, then source it)."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("reco", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
