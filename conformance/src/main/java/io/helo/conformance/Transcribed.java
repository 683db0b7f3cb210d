package io.helo.conformance;

/** A target whose exchanges are noted, so that a case that did not pass can show them. */
interface Transcribed {
    /** Where the current case's exchanges are noted. */
    Transcript transcript();

    /** True if each case makes its own exchanges (a server's), false if all cases judge one (a client's session). */
    default boolean perCase() {
        return true;
    }
}
