package org.confidant.egressfixture;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Connects out without the egress gate, in three ways the architecture rule must each
 * report.
 */
final class ConnectsPastTheGate {

    private ConnectsPastTheGate() {
    }

    static int viaHttpClient(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
    }

    static void viaSocket(String host, int port) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.getOutputStream().write(0);
        }
    }

    static Object viaMailSender(String host) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        return sender;
    }

}
