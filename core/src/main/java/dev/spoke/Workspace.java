package dev.spoke;

import java.util.Objects;

/**
 * A platform workspace: where events go. It carries the API key and secret (the secret is never
 * printed), the pod, the input kind, the identity scope, the environment and its account. Build one
 * with {@link #builder(String, String)}; the builder fails fast with a message that names the
 * parameter, the value and the fix.
 */
public final class Workspace {
  private final String apiKey;
  private final Secret secret;
  private final Pod pod;

  /** Why the key names no pod, when {@link #pod} is null. */
  private final String podError;

  private final InputKind inputKind;
  private final IdentityScope identityScope;
  private final Environment environment;
  private final Account account;
  private final String name;

  private Workspace(Builder b) {
    this.apiKey = b.apiKey;
    this.secret = b.secret;
    Pod p = b.pod;
    String error = null;
    if (p == null) {
      try {
        p = Pod.fromApiKey(b.apiKey);
      } catch (IllegalArgumentException e) {
        // Not fatal here: a workspace served by explicit endpoints (a local platform, a proxy)
        // needs no pod. Spoke fails fast only where it would derive the platform's hosts.
        error = e.getMessage();
      }
    }
    this.pod = p;
    this.podError = error;
    this.inputKind = b.inputKind;
    this.identityScope = b.identityScope;
    this.environment = b.environment;
    this.account =
        b.account != null ? b.account : Account.builder(Account.implicitId(b.apiKey)).build();
    this.name = b.name;
  }

  /**
   * @return an empty builder; {@code apiKey} and {@code apiSecret} must be set before {@code
   *     build()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param apiKey the workspace API key, non-blank
   * @param apiSecret the workspace API secret, non-blank
   * @return a builder holding the key and the secret
   * @throws IllegalArgumentException if either is null or blank
   */
  public static Builder builder(String apiKey, String apiSecret) {
    return new Builder().apiKey(apiKey).apiSecret(apiSecret);
  }

  /**
   * @return a builder holding this workspace's values
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.apiKey = apiKey;
    b.secret = secret;
    b.pod = pod;
    b.inputKind = inputKind;
    b.identityScope = identityScope;
    b.environment = environment;
    b.account = account;
    b.name = name;
    return b;
  }

  /**
   * @return the API key (not a secret: it appears in URLs and logs)
   */
  public String apiKey() {
    return apiKey;
  }

  /**
   * @return the API secret, wrapped so that it is never printed
   */
  public Secret secret() {
    return secret;
  }

  /**
   * @return the data-hosting pod: the one set on the builder, else the one the key's prefix names;
   *     null when the key's prefix names no pod the platform lists (then Spoke needs explicit
   *     endpoints or {@link Builder#pod(Pod)})
   */
  public Pod pod() {
    return pod;
  }

  /** The pod, or a clear error when the key names none (see {@link Pod#fromApiKey}). */
  Pod requirePod() {
    if (pod == null) {
      throw new IllegalArgumentException(podError);
    }
    return pod;
  }

  /**
   * @return the input kind
   */
  public InputKind inputKind() {
    return inputKind;
  }

  /**
   * @return the identity scope
   */
  public IdentityScope identityScope() {
    return identityScope;
  }

  /**
   * @return the environment batches are sent to
   */
  public Environment environment() {
    return environment;
  }

  /**
   * @return the account, an implicit one of this workspace's own if none was given
   */
  public Account account() {
    return account;
  }

  /**
   * @return the organization of the account
   */
  public Organization organization() {
    return account.organization();
  }

  /**
   * @return the service limits: the organization's
   */
  public ServiceLimits limits() {
    return account.organization().limits();
  }

  /**
   * @return the display name, or null
   */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Workspace)) {
      return false;
    }
    Workspace that = (Workspace) o;
    return apiKey.equals(that.apiKey)
        && secret.equals(that.secret)
        && Objects.equals(pod, that.pod)
        && inputKind == that.inputKind
        && identityScope == that.identityScope
        && environment == that.environment
        && account.equals(that.account)
        && Objects.equals(name, that.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiKey, secret, pod, inputKind, identityScope, environment, account, name);
  }

  /** Shows the key, pod and environment; never the secret. */
  @Override
  public String toString() {
    return "Workspace["
        + (name != null ? "name=" + name + ", " : "")
        + "apiKey="
        + apiKey
        + ", pod="
        + pod
        + ", environment="
        + environment
        + ", inputKind="
        + inputKind
        + ", identityScope="
        + identityScope
        + ", account="
        + account.id()
        + "]";
  }

  static String requireNonBlank(String parameter, String value, String fix) {
    if (value == null) {
      throw new IllegalArgumentException(parameter + " must not be null: " + fix);
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          parameter + " must not be blank, was \"" + value + "\": " + fix);
    }
    return value;
  }

  private static <T> T requireNonNull(String parameter, T value, String fix) {
    if (value == null) {
      throw new IllegalArgumentException(parameter + " must not be null: " + fix);
    }
    return value;
  }

  /** Builds a {@link Workspace}; setters and {@link #build()} fail fast on invalid values. */
  public static final class Builder {
    private String apiKey;
    private Secret secret;
    private Pod pod;
    private InputKind inputKind = InputKind.PLATFORM;
    private IdentityScope identityScope = IdentityScope.WORKSPACE;
    private Environment environment = Environment.PRODUCTION;
    private Account account;
    private String name;

    private Builder() {}

    /**
     * @param apiKey the workspace API key, non-blank
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey =
          requireNonBlank(
              "apiKey", apiKey, "pass the workspace's API key (Setup > Inputs in the platform UI)");
      return this;
    }

    /**
     * @param apiSecret the workspace API secret, non-blank; it is stored as a {@link Secret}
     * @return this builder
     */
    public Builder apiSecret(String apiSecret) {
      this.secret = Secret.of(apiSecret);
      return this;
    }

    /**
     * @param secret the workspace API secret, non-null
     * @return this builder
     */
    public Builder secret(Secret secret) {
      this.secret = requireNonNull("apiSecret", secret, "pass the workspace's API secret");
      return this;
    }

    /**
     * @param pod the data-hosting pod, or null to read it from the API key's prefix
     * @return this builder
     */
    public Builder pod(Pod pod) {
      this.pod = pod;
      return this;
    }

    /**
     * @param inputKind the input kind, non-null (default {@link InputKind#PLATFORM})
     * @return this builder
     */
    public Builder inputKind(InputKind inputKind) {
      this.inputKind =
          requireNonNull(
              "inputKind", inputKind, "pass InputKind.PLATFORM or InputKind.CUSTOM_FEED");
      return this;
    }

    /**
     * @param identityScope the identity scope, non-null (default {@link IdentityScope#WORKSPACE})
     * @return this builder
     */
    public Builder identityScope(IdentityScope identityScope) {
      this.identityScope =
          requireNonNull(
              "identityScope",
              identityScope,
              "pass IdentityScope.WORKSPACE, ACCOUNT or ORGANIZATION");
      return this;
    }

    /**
     * @param environment the environment, non-null (default {@link Environment#PRODUCTION})
     * @return this builder
     */
    public Builder environment(Environment environment) {
      this.environment =
          requireNonNull(
              "environment", environment, "pass Environment.DEVELOPMENT or Environment.PRODUCTION");
      return this;
    }

    /**
     * @param account the owning account, or null for an implicit one of this workspace's own
     * @return this builder
     */
    public Builder account(Account account) {
      this.account = account;
      return this;
    }

    /**
     * @param name a display name, may be null
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * @return the workspace
     * @throws IllegalArgumentException if the API key or secret is missing
     */
    public Workspace build() {
      if (apiKey == null) {
        throw new IllegalArgumentException(
            "apiKey must not be null: call apiKey(...) with the workspace's API key");
      }
      if (secret == null) {
        throw new IllegalArgumentException(
            "apiSecret must not be null: call apiSecret(...) with the workspace's API secret");
      }
      return new Workspace(this);
    }
  }
}
