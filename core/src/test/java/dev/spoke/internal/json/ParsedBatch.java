package dev.spoke.internal.json;

import dev.spoke.Environment;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.ConsentState;
import dev.spoke.user.DeviceInfo;
import dev.spoke.user.UserIdentities;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Not API. One batch read back by {@link BatchReader}; absent fields are null (or empty). */
public final class ParsedBatch {
  private final Environment environment;
  private final String sourceRequestId;
  private final Long timestampMillis;
  private final String mpDeviceId;
  private final String sdkVersion;
  private final String dataPlanId;
  private final Integer dataPlanVersion;
  private final DeviceInfo deviceInfo;
  private final ApplicationInfo applicationInfo;
  private final UserSnapshot user;
  private final List<ParsedEvent> events;

  ParsedBatch(
      Environment environment,
      String sourceRequestId,
      Long timestampMillis,
      String mpDeviceId,
      String sdkVersion,
      String dataPlanId,
      Integer dataPlanVersion,
      DeviceInfo deviceInfo,
      ApplicationInfo applicationInfo,
      UserSnapshot user,
      List<ParsedEvent> events) {
    this.environment = environment;
    this.sourceRequestId = sourceRequestId;
    this.timestampMillis = timestampMillis;
    this.mpDeviceId = mpDeviceId;
    this.sdkVersion = sdkVersion;
    this.dataPlanId = dataPlanId;
    this.dataPlanVersion = dataPlanVersion;
    this.deviceInfo = deviceInfo;
    this.applicationInfo = applicationInfo;
    this.user = user;
    this.events = Collections.unmodifiableList(events);
  }

  /**
   * @return {@code environment} (always present: the wire requires it)
   */
  public Environment environment() {
    return environment;
  }

  /**
   * @return {@code source_request_id}, or null
   */
  public String sourceRequestId() {
    return sourceRequestId;
  }

  /**
   * @return the batch {@code timestamp_unixtime_ms}, or null
   */
  public Long timestampMillis() {
    return timestampMillis;
  }

  /**
   * @return {@code mp_deviceid}, or null
   */
  public String mpDeviceId() {
    return mpDeviceId;
  }

  /**
   * @return {@code sdk_version}, or null
   */
  public String sdkVersion() {
    return sdkVersion;
  }

  /**
   * @return {@code context.data_plan.plan_id}, or null
   */
  public String dataPlanId() {
    return dataPlanId;
  }

  /**
   * @return {@code context.data_plan.plan_version}, or null
   */
  public Integer dataPlanVersion() {
    return dataPlanVersion;
  }

  /**
   * @return {@code device_info}, or null
   */
  public DeviceInfo deviceInfo() {
    return deviceInfo;
  }

  /**
   * @return {@code application_info}, or null
   */
  public ApplicationInfo applicationInfo() {
    return applicationInfo;
  }

  /**
   * @return the user fields (mpid, identities, attributes, deleted attributes, consent)
   */
  public UserSnapshot user() {
    return user;
  }

  /**
   * @return {@code mpid}, or null
   */
  public Long mpid() {
    return user.mpid();
  }

  /**
   * @return {@code user_identities} (empty when absent)
   */
  public UserIdentities identities() {
    return user.identities();
  }

  /**
   * @return {@code user_attributes} (String, List of String, or null per name; empty when absent)
   */
  public Map<String, Object> attributes() {
    return user.attributes();
  }

  /**
   * @return {@code deleted_user_attributes} (empty when absent)
   */
  public List<String> deletedAttributes() {
    return user.deletedAttributes();
  }

  /**
   * @return {@code consent_state} (empty when absent)
   */
  public ConsentState consent() {
    return user.consent();
  }

  /**
   * @return the events in wire order, unmodifiable
   */
  public List<ParsedEvent> events() {
    return events;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ParsedBatch)) {
      return false;
    }
    ParsedBatch that = (ParsedBatch) o;
    return environment == that.environment
        && Objects.equals(sourceRequestId, that.sourceRequestId)
        && Objects.equals(timestampMillis, that.timestampMillis)
        && Objects.equals(mpDeviceId, that.mpDeviceId)
        && Objects.equals(sdkVersion, that.sdkVersion)
        && Objects.equals(dataPlanId, that.dataPlanId)
        && Objects.equals(dataPlanVersion, that.dataPlanVersion)
        && Objects.equals(deviceInfo, that.deviceInfo)
        && Objects.equals(applicationInfo, that.applicationInfo)
        && user.equals(that.user)
        && events.equals(that.events);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        environment,
        sourceRequestId,
        timestampMillis,
        mpDeviceId,
        sdkVersion,
        dataPlanId,
        dataPlanVersion,
        deviceInfo,
        applicationInfo,
        user,
        events);
  }

  @Override
  public String toString() {
    return "ParsedBatch[environment="
        + environment
        + ", sourceRequestId="
        + sourceRequestId
        + ", timestampMillis="
        + timestampMillis
        + ", mpDeviceId="
        + mpDeviceId
        + ", sdkVersion="
        + sdkVersion
        + ", dataPlanId="
        + dataPlanId
        + ", dataPlanVersion="
        + dataPlanVersion
        + ", deviceInfo="
        + deviceInfo
        + ", applicationInfo="
        + applicationInfo
        + ", user="
        + user
        + ", events="
        + events
        + "]";
  }
}
