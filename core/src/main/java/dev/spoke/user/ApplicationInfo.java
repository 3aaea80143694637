package dev.spoke.user;

import java.util.Objects;

/** The application sending data ({@code application_info}). */
public final class ApplicationInfo {
  private final String applicationName;
  private final String applicationVersion;
  private final String buildNumber;
  private final String installReferrer;
  private final String packageName;
  private final ApplicationOs os;

  private ApplicationInfo(Builder b) {
    this.applicationName = b.applicationName;
    this.applicationVersion = b.applicationVersion;
    this.buildNumber = b.buildNumber;
    this.installReferrer = b.installReferrer;
    this.packageName = b.packageName;
    this.os = b.os;
  }

  /**
   * @return a builder (never throws)
   */
  public static Builder builder() {
    Builder b = new Builder();
    return b;
  }

  /**
   * @return a builder holding this value's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the application name, or null
   */
  public String applicationName() {
    return applicationName;
  }

  /**
   * @return the application version, or null
   */
  public String applicationVersion() {
    return applicationVersion;
  }

  /**
   * @return the build number, or null
   */
  public String buildNumber() {
    return buildNumber;
  }

  /**
   * @return the install referrer, or null
   */
  public String installReferrer() {
    return installReferrer;
  }

  /**
   * @return the package name, or null
   */
  public String packageName() {
    return packageName;
  }

  /**
   * @return the operating system (default {@link ApplicationOs#DESKTOP}), or null if null was given
   */
  public ApplicationOs os() {
    return os;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ApplicationInfo)) {
      return false;
    }
    ApplicationInfo that = (ApplicationInfo) o;
    return Objects.equals(applicationName, that.applicationName)
        && Objects.equals(applicationVersion, that.applicationVersion)
        && Objects.equals(buildNumber, that.buildNumber)
        && Objects.equals(installReferrer, that.installReferrer)
        && Objects.equals(packageName, that.packageName)
        && Objects.equals(os, that.os);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        applicationName, applicationVersion, buildNumber, installReferrer, packageName, os);
  }

  @Override
  public String toString() {
    return "ApplicationInfo["
        + "applicationName="
        + applicationName
        + ", applicationVersion="
        + applicationVersion
        + ", buildNumber="
        + buildNumber
        + ", installReferrer="
        + installReferrer
        + ", packageName="
        + packageName
        + ", os="
        + os
        + "]";
  }

  /** Builds a {@link ApplicationInfo}; never throws, carrying whatever it is given. */
  public static final class Builder {
    private String applicationName;
    private String applicationVersion;
    private String buildNumber;
    private String installReferrer;
    private String packageName;
    private ApplicationOs os = ApplicationOs.DESKTOP;

    private Builder() {}

    private Builder(ApplicationInfo v) {
      this.applicationName = v.applicationName;
      this.applicationVersion = v.applicationVersion;
      this.buildNumber = v.buildNumber;
      this.installReferrer = v.installReferrer;
      this.packageName = v.packageName;
      this.os = v.os;
    }

    /**
     * @param applicationName the application name, or null
     * @return this builder
     */
    public Builder applicationName(String applicationName) {
      this.applicationName = applicationName;
      return this;
    }

    /**
     * @param applicationVersion the application version, or null
     * @return this builder
     */
    public Builder applicationVersion(String applicationVersion) {
      this.applicationVersion = applicationVersion;
      return this;
    }

    /**
     * @param buildNumber the build number, or null
     * @return this builder
     */
    public Builder buildNumber(String buildNumber) {
      this.buildNumber = buildNumber;
      return this;
    }

    /**
     * @param installReferrer the install referrer, or null
     * @return this builder
     */
    public Builder installReferrer(String installReferrer) {
      this.installReferrer = installReferrer;
      return this;
    }

    /**
     * @param packageName the package name, or null
     * @return this builder
     */
    public Builder packageName(String packageName) {
      this.packageName = packageName;
      return this;
    }

    /**
     * @param os the operating system (default {@link ApplicationOs#DESKTOP}), or null if null was
     *     given
     * @return this builder
     */
    public Builder os(ApplicationOs os) {
      this.os = os;
      return this;
    }

    /**
     * @return the value
     */
    public ApplicationInfo build() {
      return new ApplicationInfo(this);
    }
  }
}
