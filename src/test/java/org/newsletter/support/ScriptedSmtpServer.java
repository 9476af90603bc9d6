package org.newsletter.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real SMTP server whose replies to RCPT TO depend on the address, for failures GreenMail cannot
 * make: an address containing {@code bounce} gets 550, {@code tempfail} gets 451 on its first try,
 * {@code throttle} gets 421 (and the connection closed) on its first try. Everything else is accepted,
 * unless an {@link #outage(boolean) outage} is on: then every address but the bouncing ones gets 451.
 */
public class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    private volatile boolean open = true;
    private volatile boolean outage;

    public ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** While on, the relay answers every recipient with a temporary failure, as a relay in trouble does. */
    public void outage(boolean on) {
        outage = on;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Recipients of every message accepted, one entry per message. */
    public List<String> delivered() {
        return delivered;
    }

    public long deliveredTo(String address) {
        return delivered.stream().filter(address::equalsIgnoreCase).count();
    }

    public int tries(String address) {
        AtomicInteger n = tries.get(address.toLowerCase());
        return n == null ? 0 : n.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "scripted-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase();
                if (command.startsWith("EHLO")) {
                    reply(out, "250-scripted\r\n250-8BITMIME\r\n250 SMTPUTF8");
                } else if (command.startsWith("HELO") || command.startsWith("NOOP") || command.startsWith("RSET")) {
                    recipient = command.startsWith("RSET") ? null : recipient;
                    reply(out, "250 OK");
                } else if (command.startsWith("MAIL FROM")) {
                    reply(out, "250 OK");
                } else if (command.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase();
                    int attempt = tries.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
                    if (address.contains("bounce")) {
                        reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                    } else if (outage) {
                        reply(out, "451 4.4.1 Upstream temporarily unavailable");
                    } else if (address.contains("tempfail") && attempt == 1) {
                        reply(out, "451 4.3.0 Temporary lookup failure");
                    } else if (address.contains("throttle") && attempt == 1) {
                        reply(out, "421 4.7.0 Too many messages, slow down");
                        return;
                    } else {
                        recipient = address;
                        reply(out, "250 OK");
                    }
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message itself is not kept
                    }
                    if (recipient != null) {
                        delivered.add(recipient);
                    }
                    recipient = null;
                    reply(out, "250 OK queued");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 Bye");
                    return;
                } else {
                    reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}
