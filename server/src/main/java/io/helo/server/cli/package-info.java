/**
 * Internal, not API: the command line of {@code server.jar} ({@link io.helo.server.cli.ServerMain}) and the signals
 * that stop it.
 */
package io.helo.server.cli;
