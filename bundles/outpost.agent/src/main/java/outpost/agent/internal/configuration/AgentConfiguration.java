package outpost.agent.internal.configuration;

/**
 * The agent's configuration, ConfigAdmin pid {@value #PID}, as a Declarative Services component
 * property type: each method is a key (an underscore stands for a dot, so {@code request_timeout}
 * is {@code request.timeout}), each default the agent's default. {@link ConfiguredSettings} turns it
 * into the immutable {@link outpost.agent.AgentSettings}.
 */
public @interface AgentConfiguration {

    String PID = "outpost.agent";

    /** Marks one load of the configuration, so the application can wait for exactly that one. */
    String GENERATION = "outpost.generation";

    String bind() default "127.0.0.1";

    int port() default outpost.agent.Agent.DEFAULT_PORT;

    /** Empty: data/ in the install folder. */
    String data() default "";

    boolean plain_tcp() default false;

    /** auto, openssl or jdk ({@link outpost.transport.TlsEngine}). */
    String tls_engine() default "auto";

    int request_timeout() default 60;

    int output_cap() default outpost.agent.AgentSettings.DEFAULT_OUTPUT_CAP_BYTES;

    int max_connections() default outpost.agent.AgentSettings.DEFAULT_MAX_CONNECTIONS;

    int max_in_flight() default outpost.agent.AgentSettings.DEFAULT_MAX_IN_FLIGHT;

    String[] shell_allow() default {};

    String[] shell_deny() default {};

    boolean plain_text_enabled() default false;

    String plain_text_bind() default "127.0.0.1";

    int plain_text_port() default outpost.agent.PlainTextSettings.DEFAULT_PORT;

    String[] plain_text_commands() default {};

    int plain_text_max_line() default outpost.agent.PlainTextSettings.DEFAULT_MAX_LINE_LENGTH;

    int plain_text_max_connections() default outpost.agent.PlainTextSettings.DEFAULT_MAX_CONNECTIONS;

    int plain_text_idle_timeout() default 300;

    /** Broker mode (docs/BROKER.md): empty for off, else {@code ssl://host:8883}. */
    String broker_url() default "";

    /** The agent's id on the broker; empty: the account name, or else the host name. */
    String broker_clientId() default "";

    String broker_username() default "";

    String broker_passwordFile() default "";

    /** The CA (PEM) that signed the broker's certificate; or {@link #broker_fingerprint()}. */
    String broker_caFile() default "";

    String broker_fingerprint() default "";

    /** Seconds between metric samples on the agent's metrics topic; 0 for none. */
    int broker_metrics_seconds() default 0;

    /** The group the agent announces in its state (consoles file it there); empty for none. */
    String broker_group() default "";

    String outpost_generation() default "";
}
