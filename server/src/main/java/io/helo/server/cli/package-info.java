/**
 * Internal, not API: the command line of {@code server.jar} ({@link io.helo.server.cli.ServerMain}: parse, build,
 * start, await stop, close), whose options are made from the settings' tables, its logging set-up, and the signals
 * that stop it.
 */
package io.helo.server.cli;
