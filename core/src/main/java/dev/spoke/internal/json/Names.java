package dev.spoke.internal.json;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Not API. Events API field names (WIRE.md sections 2-3), pre-encoded once so the hot path copies
 * their UTF-8 bytes instead of re-encoding and re-escaping them for every event.
 */
final class Names {
  private Names() {}

  // Event envelope.
  static final SerializedString EVENT_TYPE = new SerializedString("event_type");
  static final SerializedString DATA = new SerializedString("data");

  // Common data fields.
  static final SerializedString TIMESTAMP = new SerializedString("timestamp_unixtime_ms");
  static final SerializedString SOURCE_MESSAGE_ID = new SerializedString("source_message_id");
  static final SerializedString SESSION_ID = new SerializedString("session_id");
  static final SerializedString SESSION_UUID = new SerializedString("session_uuid");
  static final SerializedString SESSION_START = new SerializedString("session_start_unixtime_ms");
  static final SerializedString EVENT_START = new SerializedString("event_start_unixtime_ms");
  static final SerializedString EVENT_NUM = new SerializedString("event_num");
  static final SerializedString CUSTOM_ATTRIBUTES = new SerializedString("custom_attributes");
  static final SerializedString CUSTOM_FLAGS = new SerializedString("custom_flags");
  static final SerializedString LOCATION = new SerializedString("location");
  static final SerializedString LATITUDE = new SerializedString("latitude");
  static final SerializedString LONGITUDE = new SerializedString("longitude");
  static final SerializedString ACCURACY = new SerializedString("accuracy");

  // custom_event, screen_view.
  static final SerializedString EVENT_NAME = new SerializedString("event_name");
  static final SerializedString CUSTOM_EVENT_TYPE = new SerializedString("custom_event_type");
  static final SerializedString SCREEN_NAME = new SerializedString("screen_name");

  // commerce_event.
  static final SerializedString PRODUCT_ACTION = new SerializedString("product_action");
  static final SerializedString PROMOTION_ACTION = new SerializedString("promotion_action");
  static final SerializedString PRODUCT_IMPRESSIONS = new SerializedString("product_impressions");
  static final SerializedString CURRENCY_CODE = new SerializedString("currency_code");
  static final SerializedString IS_NON_INTERACTIVE = new SerializedString("is_non_interactive");
  static final SerializedString SHOPPING_CART = new SerializedString("shopping_cart");
  static final SerializedString PRODUCTS = new SerializedString("products");
  static final SerializedString ACTION = new SerializedString("action");
  static final SerializedString CHECKOUT_STEP = new SerializedString("checkout_step");
  static final SerializedString CHECKOUT_OPTIONS = new SerializedString("checkout_options");
  static final SerializedString PRODUCT_ACTION_LIST = new SerializedString("product_action_list");
  static final SerializedString PRODUCT_LIST_SOURCE = new SerializedString("product_list_source");
  static final SerializedString TRANSACTION_ID = new SerializedString("transaction_id");
  static final SerializedString AFFILIATION = new SerializedString("affiliation");
  static final SerializedString TOTAL_AMOUNT = new SerializedString("total_amount");
  static final SerializedString TAX_AMOUNT = new SerializedString("tax_amount");
  static final SerializedString SHIPPING_AMOUNT = new SerializedString("shipping_amount");
  static final SerializedString COUPON_CODE = new SerializedString("coupon_code");
  static final SerializedString ID = new SerializedString("id");
  static final SerializedString NAME = new SerializedString("name");
  static final SerializedString BRAND = new SerializedString("brand");
  static final SerializedString CATEGORY = new SerializedString("category");
  static final SerializedString VARIANT = new SerializedString("variant");
  static final SerializedString POSITION = new SerializedString("position");
  static final SerializedString PRICE = new SerializedString("price");
  static final SerializedString QUANTITY = new SerializedString("quantity");
  static final SerializedString TOTAL_PRODUCT_AMOUNT = new SerializedString("total_product_amount");
  static final SerializedString ADDED_TO_CART_TIME = new SerializedString("added_to_cart_time_ms");
  static final SerializedString PROMOTIONS = new SerializedString("promotions");
  static final SerializedString CREATIVE = new SerializedString("creative");
  static final SerializedString PRODUCT_IMPRESSION_LIST =
      new SerializedString("product_impression_list");

  // Other event types.
  static final SerializedString SESSION_DURATION = new SerializedString("session_duration_ms");
  static final SerializedString CLASS_NAME = new SerializedString("class_name");
  static final SerializedString BREADCRUMBS = new SerializedString("breadcrumbs");
  static final SerializedString SEVERITY = new SerializedString("severity");
  static final SerializedString MESSAGE = new SerializedString("message");
  static final SerializedString STACK_TRACE = new SerializedString("stack_trace");
  static final SerializedString EXCEPTION_HANDLED = new SerializedString("exception_handled");
  static final SerializedString LABEL = new SerializedString("label");
  static final SerializedString IS_OPTED_OUT = new SerializedString("is_opted_out");
  static final SerializedString TRANSITION_TYPE =
      new SerializedString("application_transition_type");
  static final SerializedString IS_FIRST_RUN = new SerializedString("is_first_run");
  static final SerializedString IS_UPGRADE = new SerializedString("is_upgrade");
  static final SerializedString URL = new SerializedString("url");
  static final SerializedString RESPONSE_CODE = new SerializedString("response_code");
  static final SerializedString HTTP_VERB = new SerializedString("http_verb");
  static final SerializedString TIME_ELAPSED = new SerializedString("time_elapsed");
  static final SerializedString BYTES_IN = new SerializedString("bytes_in");
  static final SerializedString BYTES_OUT = new SerializedString("bytes_out");
  static final SerializedString PREVIOUS_MPID = new SerializedString("previous_mpid");
  static final SerializedString CURRENT_MPID = new SerializedString("current_mpid");
  static final SerializedString PROFILE_EVENT_TYPE = new SerializedString("profile_event_type");
  static final SerializedString USER_ATTRIBUTE_NAME = new SerializedString("user_attribute_name");
  static final SerializedString NEW = new SerializedString("new");
  static final SerializedString OLD = new SerializedString("old");
  static final SerializedString DELETED = new SerializedString("deleted");
  static final SerializedString IS_NEW_ATTRIBUTE = new SerializedString("is_new_attribute");
  static final SerializedString IDENTITY_TYPE = new SerializedString("identity_type");
  static final SerializedString IDENTITY = new SerializedString("identity");
  static final SerializedString CREATED_THIS_BATCH = new SerializedString("created_this_batch");
  static final SerializedString REGISTER = new SerializedString("register");
  static final SerializedString REGISTRATION_TOKEN = new SerializedString("registration_token");
  static final SerializedString PUSH_MESSAGE_TOKEN = new SerializedString("push_message_token");
  static final SerializedString PUSH_MESSAGE_TYPE = new SerializedString("push_message_type");
  static final SerializedString PUSH_NOTIFICATION_PAYLOAD =
      new SerializedString("push_notification_payload");
  static final SerializedString PUSH_NETWORK = new SerializedString("network");
  static final SerializedString PUSH_APPLICATION_STATE = new SerializedString("application_state");
  static final SerializedString ACTION_IDENTIFIER = new SerializedString("action_identifier");
  static final SerializedString PUSH_MESSAGE_BEHAVIOR =
      new SerializedString("push_message_behavior");

  // Batch header.
  static final SerializedString ENVIRONMENT = new SerializedString("environment");
  static final SerializedString MPID = new SerializedString("mpid");
  static final SerializedString MP_DEVICE_ID = new SerializedString("mp_deviceid");
  static final SerializedString SDK_VERSION = new SerializedString("sdk_version");
  static final SerializedString CONTEXT = new SerializedString("context");
  static final SerializedString DATA_PLAN = new SerializedString("data_plan");
  static final SerializedString PLAN_ID = new SerializedString("plan_id");
  static final SerializedString PLAN_VERSION = new SerializedString("plan_version");
  static final SerializedString USER_ATTRIBUTES = new SerializedString("user_attributes");
  static final SerializedString DELETED_USER_ATTRIBUTES =
      new SerializedString("deleted_user_attributes");
  static final SerializedString USER_IDENTITIES = new SerializedString("user_identities");
  static final SerializedString CONSENT_STATE = new SerializedString("consent_state");
  static final SerializedString GDPR = new SerializedString("gdpr");
  static final SerializedString CCPA = new SerializedString("ccpa");
  static final SerializedString DATA_SALE_OPT_OUT = new SerializedString("data_sale_opt_out");
  static final SerializedString CONSENTED = new SerializedString("consented");
  static final SerializedString DOCUMENT = new SerializedString("document");
  static final SerializedString HARDWARE_ID = new SerializedString("hardware_id");
  static final SerializedString SOURCE_REQUEST_ID = new SerializedString("source_request_id");
  static final SerializedString EVENTS = new SerializedString("events");

  // device_info, application_info.
  static final SerializedString DEVICE_INFO = new SerializedString("device_info");
  static final SerializedString PLATFORM = new SerializedString("platform");
  static final SerializedString OS_VERSION = new SerializedString("os_version");
  static final SerializedString DEVICE_MODEL = new SerializedString("device_model");
  static final SerializedString LOCALE_LANGUAGE = new SerializedString("locale_language");
  static final SerializedString LOCALE_COUNTRY = new SerializedString("locale_country");
  static final SerializedString TIMEZONE_OFFSET = new SerializedString("timezone_offset");
  static final SerializedString USER_AGENT = new SerializedString("http_header_user_agent");
  static final SerializedString IS_DST = new SerializedString("is_dst");
  static final SerializedString APPLICATION_INFO = new SerializedString("application_info");
  static final SerializedString APPLICATION_NAME = new SerializedString("application_name");
  static final SerializedString APPLICATION_VERSION = new SerializedString("application_version");
  static final SerializedString APPLICATION_BUILD_NUMBER =
      new SerializedString("application_build_number");
  static final SerializedString INSTALL_REFERRER = new SerializedString("install_referrer");
  static final SerializedString PACKAGE = new SerializedString("package");
  static final SerializedString OS = new SerializedString("os");
}
