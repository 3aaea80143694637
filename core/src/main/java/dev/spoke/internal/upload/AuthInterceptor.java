package dev.spoke.internal.upload;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Signs upload requests with HTTP Basic auth (key:secret, as the Events API expects): one concern,
 * one interceptor. The credentials travel as the request's tag, so the sender knows exactly which
 * key (and which version of the credentials) a 401/403 answered. The secret is read only here,
 * never printed. Not API.
 */
final class AuthInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request r = chain.request();
    Credentials c = r.tag(Credentials.class);
    if (c == null) {
      return chain.proceed(r);
    }
    return chain.proceed(r.newBuilder().header("Authorization", c.basicAuth()).build());
  }
}
