package outpost.servers;

/** A row of a server list file that could not be taken, and why. */
public record ServerListProblem(long line, String message) {

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
