package org.shangliang.localstack;

/** The local stack's loopback ports; each can be moved with an environment variable. */
public record StackPorts(int gateway, int topics, int meetings, int votes, int notifications, int web, int kafka,
                         int kafkaController, int mongo, int smtp, int mailViewer, int gatewayManagement) {

    public static StackPorts fromEnvironment() {
        return new StackPorts(port("GATEWAY_PORT", 8080), port("TOPIC_SERVICE_PORT", 8081),
                port("MEETING_SERVICE_PORT", 8082), port("VOTE_SERVICE_PORT", 8083),
                port("NOTIFICATION_SERVICE_PORT", 8084), port("WEB_PORT", 8085), port("KAFKA_PORT", 9092), port("KAFKA_CONTROLLER_PORT", 9093),
                port("MONGODB_PORT", 27017), port("SMTP_PORT", 2525), port("MAIL_VIEWER_PORT", 8025),
                port("GATEWAY_MANAGEMENT_PORT", 8086));
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
