package nl.transparant.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free loopback port in front of a real service (MariaDB, Keycloak), for fault tests: the
 * application is pointed at the proxy, and {@link #cut()} makes the service unreachable as a crashed server or a
 * broken network would (every open connection is dropped, every new one is closed as soon as it is accepted) without
 * touching the service itself, which other tests keep using; {@link #hang()} makes it stop answering without a word.
 * {@link #restore()} lets connections through again.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean hung;
    private volatile boolean closed;
    /** Where the pumps of a hung proxy wait to be let through again. */
    private final Object gate = new Object();

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("No port for a proxy to " + targetHost + ":" + targetPort, e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort() + "-to-" + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TcpProxy to(String host, int port) {
        return new TcpProxy(host, port);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The service is gone: open connections drop now, new ones are closed at once. */
    public void cut() {
        synchronized (gate) {
            cut = true;
            gate.notifyAll();
        }
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /**
     * The service hangs, as a frozen server or a network that drops packets without a reset would: connections stay
     * open and new ones are accepted, but not a byte goes through either way until {@link #restore()}.
     */
    public void hang() {
        hung = true;
    }

    public void restore() {
        synchronized (gate) {
            cut = false;
            hung = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        closeQuietly(listener);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            open.add(client);
            open.add(server);
            pump(client, server);
            pump(server, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (gate) {
                        while (hung && !cut) {
                            gate.wait(); // until restore() or cut()
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException dropped) {
                // one side went away (or the proxy was cut): close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
