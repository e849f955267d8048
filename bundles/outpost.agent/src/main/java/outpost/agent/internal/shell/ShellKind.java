package outpost.agent.internal.shell;

/** The shells the original offered, by their command prefixes. */
public enum ShellKind {
    /** POSIX sh: "sh:" and the original's "linux:". */
    POSIX("sh:", "linux:"),
    /** Windows cmd.exe: "cmd:" and the original's "dos:". */
    CMD("cmd:", "dos:"),
    /** PowerShell: "powershell:" and "pwsh:". */
    POWERSHELL("powershell:", "pwsh:");

    private final String prefix;
    private final String alias;

    ShellKind(String prefix, String alias) {
        this.prefix = prefix;
        this.alias = alias;
    }

    public String prefix() {
        return prefix;
    }

    public String alias() {
        return alias;
    }
}
