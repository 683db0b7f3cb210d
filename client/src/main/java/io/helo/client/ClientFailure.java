package io.helo.client;

/** Why the scripted session failed, in one line fit for the user. */
final class ClientFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ClientFailure(String message) {
        super(message, null, false, false);
    }
}
