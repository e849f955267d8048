package outpost.cli.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The token to present to each agent: the --token-file's for every agent when it was given,
 * otherwise the agent's line in the tokens file (host:port=token, the console's format), else the
 * default token file's. Both files are read once, up front.
 */
final class AgentTokens {

    private final Properties perAgent;
    private final Path tokensFile;
    private final String common;
    private final Path commonFile;
    private final String commonProblem;
    private final boolean commonWins;

    private AgentTokens(Properties perAgent, Path tokensFile, String common, Path commonFile, String commonProblem,
            boolean commonWins) {
        this.perAgent = perAgent;
        this.tokensFile = tokensFile;
        this.common = common;
        this.commonFile = commonFile;
        this.commonProblem = commonProblem;
        this.commonWins = commonWins;
    }

    /**
     * @throws IOException when a file that exists cannot be read, or when --token-file names a
     *                     file that cannot be read
     */
    static AgentTokens load(CliArguments arguments) throws IOException {
        Properties perAgent = new Properties();
        // one agent directly: its token file, as when streaming; through a broker the tokens file is read for one agent too
        boolean commonWins = arguments.tokenFileGiven() || !arguments.fanOut() && arguments.broker() == null;
        if (!commonWins) {
            try (Reader reader = Files.newBufferedReader(arguments.tokensFile(), StandardCharsets.UTF_8)) {
                perAgent.load(reader);
            } catch (NoSuchFileException e) {
                // no per-agent tokens: the token file serves all
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("cannot read the tokens file " + arguments.tokensFile() + ": " + e.getMessage(), e);
            }
        }
        String common = null;
        String problem = null;
        try {
            common = Files.readString(arguments.tokenFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            if (commonWins) {
                throw new IOException("cannot read the token file " + arguments.tokenFile() + " (" + e.getMessage() + ")", e);
            }
            problem = e instanceof NoSuchFileException ? "does not exist" : e.getMessage();
        }
        return new AgentTokens(perAgent, arguments.tokensFile(), common, arguments.tokenFile(), problem, commonWins);
    }

    /** The token for an agent, or empty with {@link #missing(AgentTarget)} saying why. */
    Optional<String> tokenFor(AgentTarget agent) {
        if (!commonWins) {
            String own = perAgent.getProperty(agent.host().toLowerCase(Locale.ROOT) + ":" + agent.port());
            if (own != null && !own.isBlank()) {
                return Optional.of(own.strip());
            }
        }
        return Optional.ofNullable(common).filter(token -> !token.isEmpty());
    }

    String missing(AgentTarget agent) {
        return "no token for " + agent.endpoint() + ": no line '" + agent.host().toLowerCase(Locale.ROOT) + "\\:"
                + agent.port() + "=TOKEN' in " + tokensFile + ", and the token file " + commonFile + " "
                + (commonProblem != null ? commonProblem : "is empty")
                + " (give one with --token-file or OUTPOST_TOKEN_FILE)";
    }
}
