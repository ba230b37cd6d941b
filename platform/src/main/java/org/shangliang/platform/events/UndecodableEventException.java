package org.shangliang.platform.events;

/** A record that is not a readable event: retrying cannot help, it goes straight to the DLT. */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String message) {
        super(message);
    }

    public UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
