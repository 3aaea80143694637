package dev.spoke.internal.upload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The process-wide OkHttp client and the way to derive ours from a host app's client. Not API.
 *
 * <p>The base client is created lazily on first use and then never changes (an immutable holder,
 * not mutable static state); every Spoke instance derives from it with {@code newBuilder()}, so all
 * share one connection pool and one dispatcher. Its dispatcher runs on daemon threads named {@code
 * spoke-http-<n>}, so it never keeps a JVM alive.
 *
 * <p>Settings applied to every client we use: TCP_NODELAY on every socket (OkHttp layers TLS on top
 * of the plain socket our factory makes), no redirects (credentials must never reach another host),
 * OkHttp's silent connection retry off (retries are ours, counted and backed off), and bounded
 * timeouts.
 */
public final class HttpClients {
  static final long CONNECT_TIMEOUT_MS = 10_000;
  static final long READ_TIMEOUT_MS = 30_000;
  static final long WRITE_TIMEOUT_MS = 30_000;
  static final long CALL_TIMEOUT_MS = 60_000;

  private HttpClients() {}

  private static final class Holder {
    static final OkHttpClient BASE = build();

    private static OkHttpClient build() {
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor exec =
          new ThreadPoolExecutor(
              0,
              Integer.MAX_VALUE,
              60,
              TimeUnit.SECONDS,
              new SynchronousQueue<>(),
              r -> {
                Thread t = new Thread(r, "spoke-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      return configure(
              new OkHttpClient.Builder().dispatcher(new Dispatcher(exec)),
              SocketFactory.getDefault())
          .build();
    }
  }

  /** The shared base client (created on first call; thread-safe). */
  public static OkHttpClient shared() {
    return Holder.BASE;
  }

  /**
   * A client for Spoke that shares the host app's connection pool and dispatcher but applies our
   * socket, redirect, retry and timeout settings. Null means {@link #shared()}.
   */
  public static OkHttpClient derive(OkHttpClient hostClient) {
    if (hostClient == null) {
      return shared();
    }
    return configure(hostClient.newBuilder(), hostClient.socketFactory()).build();
  }

  private static OkHttpClient.Builder configure(OkHttpClient.Builder b, SocketFactory sockets) {
    SocketFactory f =
        sockets instanceof NoDelaySocketFactory ? sockets : new NoDelaySocketFactory(sockets);
    return b.socketFactory(f)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .connectTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .readTimeout(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .writeTimeout(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .callTimeout(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * Sets TCP_NODELAY on every socket: without it a small request body waits for the peer's delayed
   * ACK (tens of ms per request on loopback).
   */
  static final class NoDelaySocketFactory extends SocketFactory {
    private final SocketFactory delegate;

    NoDelaySocketFactory(SocketFactory delegate) {
      this.delegate = delegate;
    }

    private static Socket noDelay(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      return s;
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
